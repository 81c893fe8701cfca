import type { Change } from '../../../core/changes/change';
import { AppError } from '../../../core/errors/app-error';
import { parseEstimate } from '../../../core/items/estimate';
import type { Instant } from '../../../core/values/instant';
import { ZERO_MONEY, addMoney, sumMoney } from '../../../core/values/money';
import type { EstimateRecord } from '../qbxml/records/estimate-record';
import { QBD_SYSTEM } from '../qbd-system';

/**
 * A QuickBooks estimate as the internal estimate, the way invoiceChange reads an invoice: item
 * groups are flattened into their lines, a line without an amount counts 0.00, and an estimate
 * without IsActive is taken as open (the schema makes the element optional). Throws an invalid
 * AppError when the numbers do not agree.
 */
export function estimateChange(record: EstimateRecord, observedAt: Instant): Change {
  if (!record.customerRef.listId) throw new AppError('invalid', `Estimate ${record.refNumber ?? record.txnId} names its customer without a ListID.`);
  const lines = record.lines
    .flatMap((l) => (l.kind === 'line' ? [l] : l.lines))
    .map((l) => ({ id: l.txnLineId, itemName: l.itemRef?.fullName, description: l.desc, quantity: l.quantity, rate: l.rate, amount: l.amount ?? ZERO_MONEY }));
  const subtotal = record.subtotal ?? sumMoney(lines.map((l) => l.amount));
  const salesTax = record.salesTaxTotal ?? ZERO_MONEY;
  const estimate = parseEstimate({
    id: record.txnId,
    customerId: record.customerRef.listId,
    number: record.refNumber,
    txnDate: record.txnDate,
    dueDate: record.dueDate,
    memo: record.memo,
    isActive: record.isActive ?? true,
    lines,
    subtotal,
    salesTax,
    total: record.totalAmount ?? addMoney(subtotal, salesTax),
  });
  return {
    item: 'estimate',
    operation: 'upsert',
    source: QBD_SYSTEM,
    sourceId: record.txnId,
    sourceVersion: record.editSequence,
    observedAt,
    payload: estimate,
  };
}
