import type { Change } from '../../../core/changes/change';
import { AppError } from '../../../core/errors/app-error';
import { invoiceStatusFor, parseInvoice } from '../../../core/items/invoice';
import type { Instant } from '../../../core/values/instant';
import { ZERO_MONEY, addMoney, sumMoney } from '../../../core/values/money';
import type { TxnDeletedRecord } from '../qbxml/records/deleted-records';
import type { InvoiceRecord } from '../qbxml/records/invoice-record';
import { QBD_SYSTEM } from '../qbd-system';

/**
 * qbXML 13.0 has no IsVoid: QuickBooks zeroes a voided invoice's amounts and puts "VOID:"
 * before its memo (UNVERIFIED, see the simulator's voidInvoice). Both must hold, so an invoice
 * whose memo merely starts with the word is not taken for void.
 */
function isVoided(record: InvoiceRecord, total: string): boolean {
  return total === ZERO_MONEY && (record.memo ?? '').startsWith('VOID:');
}

/**
 * A QuickBooks invoice as the internal invoice: item groups are flattened into their lines
 * (their amounts make the subtotal), a line without an amount counts 0.00, and the status
 * follows QuickBooks' own balance. Throws an invalid AppError when the numbers do not agree.
 */
export function invoiceChange(record: InvoiceRecord, observedAt: Instant): Change {
  if (!record.customerRef.listId) throw new AppError('invalid', `Invoice ${record.refNumber ?? record.txnId} names its customer without a ListID.`);
  const lines = record.lines
    .flatMap((l) => (l.kind === 'line' ? [l] : l.lines))
    .map((l) => ({ id: l.txnLineId, itemName: l.itemRef?.fullName, description: l.desc, quantity: l.quantity, rate: l.rate, amount: l.amount ?? ZERO_MONEY }));
  const subtotal = record.subtotal ?? sumMoney(lines.map((l) => l.amount));
  const salesTax = record.salesTaxTotal ?? ZERO_MONEY;
  const total = addMoney(subtotal, salesTax);
  const balance = record.balanceRemaining ?? total;
  const invoice = parseInvoice({
    id: record.txnId,
    customerId: record.customerRef.listId,
    number: record.refNumber,
    txnDate: record.txnDate,
    dueDate: record.dueDate,
    memo: record.memo,
    lines,
    subtotal,
    salesTax,
    total,
    balance,
    status: isVoided(record, total) ? 'void' : invoiceStatusFor(total, balance),
  });
  return { item: 'invoice', operation: 'upsert', source: QBD_SYSTEM, sourceId: record.txnId, sourceVersion: record.editSequence, observedAt, payload: invoice };
}

/** An invoice QuickBooks lists as deleted: archived in Alternative. */
export function deletedInvoiceChange(record: TxnDeletedRecord, observedAt: Instant): Change {
  return {
    item: 'invoice',
    operation: 'delete',
    source: QBD_SYSTEM,
    sourceId: record.txnId,
    observedAt,
    payload: { reason: `Deleted in QuickBooks at ${record.timeDeleted}.`, ...(record.refNumber ? { name: record.refNumber } : {}) },
  };
}
