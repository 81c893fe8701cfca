import { LocalDate } from '../../../../core/values/instant';
import { Money } from '../../../../core/values/money';
import { QbRef, boolAt, dateAt, decimalAt, moneyAt, refAt, requiredDateAt, requiredRefAt } from '../reader/qbxml-values';
import { XmlNode, textOf } from '../reader/xml-node';
import { LinkedTxnRecord, SalesLineGroupRecord, SalesLineRecord, readLinkedTxns, readSalesLines } from './sales-lines';
import { TxnHeader, readTxnHeader } from './txn-header';

/** An InvoiceRet, typed; amounts exact. */
export interface InvoiceRecord extends TxnHeader {
  readonly type: 'InvoiceRet';
  readonly customerRef: QbRef;
  readonly arAccountRef?: QbRef;
  readonly templateRef?: QbRef;
  readonly txnDate: LocalDate;
  readonly refNumber?: string;
  readonly isPending?: boolean;
  readonly poNumber?: string;
  readonly termsRef?: QbRef;
  readonly dueDate?: LocalDate;
  readonly subtotal?: Money;
  readonly salesTaxPercentage?: string;
  readonly salesTaxTotal?: Money;
  /** Payments and credits applied, reported negative by QuickBooks. */
  readonly appliedAmount?: Money;
  readonly balanceRemaining?: Money;
  readonly memo?: string;
  readonly isPaid?: boolean;
  /** Our braced operation id, when we wrote the invoice (qbXML 9.0+). */
  readonly externalGuid?: string;
  readonly linkedTxns: readonly LinkedTxnRecord[];
  readonly lines: readonly (SalesLineRecord | SalesLineGroupRecord)[];
}

export function readInvoiceRet(node: XmlNode): InvoiceRecord {
  return {
    type: 'InvoiceRet',
    ...readTxnHeader(node),
    customerRef: requiredRefAt(node, 'CustomerRef'),
    arAccountRef: refAt(node, 'ARAccountRef'),
    templateRef: refAt(node, 'TemplateRef'),
    txnDate: requiredDateAt(node, 'TxnDate'),
    refNumber: textOf(node, 'RefNumber'),
    isPending: boolAt(node, 'IsPending'),
    poNumber: textOf(node, 'PONumber'),
    termsRef: refAt(node, 'TermsRef'),
    dueDate: dateAt(node, 'DueDate'),
    subtotal: moneyAt(node, 'Subtotal'),
    salesTaxPercentage: decimalAt(node, 'SalesTaxPercentage'),
    salesTaxTotal: moneyAt(node, 'SalesTaxTotal'),
    appliedAmount: moneyAt(node, 'AppliedAmount'),
    balanceRemaining: moneyAt(node, 'BalanceRemaining'),
    memo: textOf(node, 'Memo'),
    isPaid: boolAt(node, 'IsPaid'),
    externalGuid: textOf(node, 'ExternalGUID'),
    linkedTxns: readLinkedTxns(node),
    lines: readSalesLines(node, 'InvoiceLineRet', 'InvoiceLineGroupRet'),
  };
}
