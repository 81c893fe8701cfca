import type { Change } from '../../../core/changes/change';
import { invoiceStatusFor, parseInvoice } from '../../../core/items/invoice';
import type { Instant } from '../../../core/values/instant';
import { ZERO_MONEY, addMoney } from '../../../core/values/money';
import { salesDocumentFields } from './sales-document-fields';
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
 * A QuickBooks invoice as the internal invoice (its lines as salesDocumentFields reads them),
 * with the status following QuickBooks' own balance. Throws an invalid AppError when the numbers do not agree.
 */
export function invoiceChange(record: InvoiceRecord, observedAt: Instant): Change {
  const fields = salesDocumentFields(record, 'Invoice');
  const total = addMoney(fields.subtotal, fields.salesTax);
  const balance = record.balanceRemaining ?? total;
  const invoice = parseInvoice({ ...fields, total, balance, status: isVoided(record, total) ? 'void' : invoiceStatusFor(total, balance) });
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
