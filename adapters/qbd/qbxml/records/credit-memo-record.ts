import { LocalDate } from '../../../../core/values/instant';
import { Money } from '../../../../core/values/money';
import { QbRef, moneyAt, refAt, requiredDateAt, requiredRefAt } from '../reader/qbxml-values';
import { XmlNode, textOf } from '../reader/xml-node';
import { LinkedTxnRecord, SalesLineGroupRecord, SalesLineRecord, readLinkedTxns, readSalesLines } from './sales-lines';
import { TxnHeader, readTxnHeader } from './txn-header';

/** A CreditMemoRet: a credit that can be applied to a customer's invoices. */
export interface CreditMemoRecord extends TxnHeader {
  readonly type: 'CreditMemoRet';
  readonly customerRef: QbRef;
  readonly arAccountRef?: QbRef;
  readonly txnDate: LocalDate;
  readonly refNumber?: string;
  readonly subtotal?: Money;
  readonly salesTaxTotal?: Money;
  readonly totalAmount?: Money;
  /** What is left of the credit after being applied to invoices. */
  readonly creditRemaining?: Money;
  readonly memo?: string;
  readonly linkedTxns: readonly LinkedTxnRecord[];
  readonly lines: readonly (SalesLineRecord | SalesLineGroupRecord)[];
}

export function readCreditMemoRet(node: XmlNode): CreditMemoRecord {
  return {
    type: 'CreditMemoRet',
    ...readTxnHeader(node),
    customerRef: requiredRefAt(node, 'CustomerRef'),
    arAccountRef: refAt(node, 'ARAccountRef'),
    txnDate: requiredDateAt(node, 'TxnDate'),
    refNumber: textOf(node, 'RefNumber'),
    subtotal: moneyAt(node, 'Subtotal'),
    salesTaxTotal: moneyAt(node, 'SalesTaxTotal'),
    totalAmount: moneyAt(node, 'TotalAmount'),
    creditRemaining: moneyAt(node, 'CreditRemaining'),
    memo: textOf(node, 'Memo'),
    linkedTxns: readLinkedTxns(node),
    lines: readSalesLines(node, 'CreditMemoLineRet', 'CreditMemoLineGroupRet'),
  };
}
