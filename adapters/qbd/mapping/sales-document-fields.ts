import { AppError } from '../../../core/errors/app-error';
import type { SalesDocument } from '../../../core/items/sales-document';
import { ZERO_MONEY, sumMoney } from '../../../core/values/money';
import type { InvoiceRecord } from '../qbxml/records/invoice-record';

/** What QuickBooks' invoices and estimates share, as read from qbXML. */
export type SalesRecord = Pick<InvoiceRecord, 'txnId' | 'customerRef' | 'refNumber' | 'txnDate' | 'dueDate' | 'memo' | 'lines' | 'subtotal' | 'salesTaxTotal'>;

/**
 * The fields of a sales document from a QuickBooks record, but its total: item groups are
 * flattened into their lines (their amounts make the subtotal) and a line without an amount
 * counts 0.00. Throws an invalid AppError when the record names its customer without a ListID.
 */
export function salesDocumentFields(record: SalesRecord, kind: string): Omit<SalesDocument, 'total'> {
  if (!record.customerRef.listId) throw new AppError('invalid', `${kind} ${record.refNumber ?? record.txnId} names its customer without a ListID.`);
  const lines = record.lines
    .flatMap((l) => (l.kind === 'line' ? [l] : l.lines))
    .map((l) => ({ id: l.txnLineId, itemName: l.itemRef?.fullName, description: l.desc, quantity: l.quantity, rate: l.rate, amount: l.amount ?? ZERO_MONEY }));
  return {
    id: record.txnId,
    customerId: record.customerRef.listId,
    number: record.refNumber,
    txnDate: record.txnDate,
    dueDate: record.dueDate,
    memo: record.memo,
    lines,
    subtotal: record.subtotal ?? sumMoney(lines.map((l) => l.amount)),
    salesTax: record.salesTaxTotal ?? ZERO_MONEY,
  };
}
