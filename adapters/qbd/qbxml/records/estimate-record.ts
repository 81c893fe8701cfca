import { LocalDate } from '../../../../core/values/instant';
import { Money } from '../../../../core/values/money';
import { QbRef, boolAt, dateAt, decimalAt, moneyAt, refAt, requiredDateAt, requiredRefAt } from '../reader/qbxml-values';
import { XmlNode, textOf } from '../reader/xml-node';
import { LinkedTxnRecord, SalesLineGroupRecord, SalesLineRecord, readLinkedTxns, readSalesLines } from './sales-lines';
import { TxnHeader, readTxnHeader } from './txn-header';

/**
 * An EstimateRet, typed; amounts exact. The elements and their order are the 13.0 schema's
 * (qbxml130.xsd, EstimateRet); the protocol reference has no section on estimates, so how
 * QuickBooks fills them (IsActive once an estimate becomes an invoice, TimeModified when it is
 * marked so) is UNVERIFIED against a live company file.
 */
export interface EstimateRecord extends TxnHeader {
  readonly type: 'EstimateRet';
  readonly customerRef: QbRef;
  readonly templateRef?: QbRef;
  readonly txnDate: LocalDate;
  readonly refNumber?: string;
  /** Whether the estimate is still open (QuickBooks' "Estimate Active"). */
  readonly isActive?: boolean;
  readonly poNumber?: string;
  readonly dueDate?: LocalDate;
  readonly subtotal?: Money;
  readonly salesTaxPercentage?: string;
  readonly salesTaxTotal?: Money;
  readonly totalAmount?: Money;
  readonly memo?: string;
  readonly externalGuid?: string;
  /** The invoices made from it, when asked for with IncludeLinkedTxns. */
  readonly linkedTxns: readonly LinkedTxnRecord[];
  readonly lines: readonly (SalesLineRecord | SalesLineGroupRecord)[];
}

export function readEstimateRet(node: XmlNode): EstimateRecord {
  return {
    type: 'EstimateRet',
    ...readTxnHeader(node),
    customerRef: requiredRefAt(node, 'CustomerRef'),
    templateRef: refAt(node, 'TemplateRef'),
    txnDate: requiredDateAt(node, 'TxnDate'),
    refNumber: textOf(node, 'RefNumber'),
    isActive: boolAt(node, 'IsActive'),
    poNumber: textOf(node, 'PONumber'),
    dueDate: dateAt(node, 'DueDate'),
    subtotal: moneyAt(node, 'Subtotal'),
    salesTaxPercentage: decimalAt(node, 'SalesTaxPercentage'),
    salesTaxTotal: moneyAt(node, 'SalesTaxTotal'),
    totalAmount: moneyAt(node, 'TotalAmount'),
    memo: textOf(node, 'Memo'),
    externalGuid: textOf(node, 'ExternalGUID'),
    linkedTxns: readLinkedTxns(node),
    lines: readSalesLines(node, 'EstimateLineRet', 'EstimateLineGroupRet'),
  };
}
