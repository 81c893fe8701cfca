import type { Change } from '../../../core/changes/change';
import { parseEstimate } from '../../../core/items/estimate';
import type { Instant } from '../../../core/values/instant';
import { addMoney } from '../../../core/values/money';
import { salesDocumentFields } from './sales-document-fields';
import type { EstimateRecord } from '../qbxml/records/estimate-record';
import { QBD_SYSTEM } from '../qbd-system';

/**
 * A QuickBooks estimate as the internal estimate, its lines read the way invoiceChange reads an
 * invoice's (salesDocumentFields), and an estimate without IsActive is taken as open (the schema makes the element optional). Throws an invalid
 * AppError when the numbers do not agree.
 */
export function estimateChange(record: EstimateRecord, observedAt: Instant): Change {
  const fields = salesDocumentFields(record, 'Estimate');
  const estimate = parseEstimate({
    ...fields,
    isActive: record.isActive ?? true,
    total: record.totalAmount ?? addMoney(fields.subtotal, fields.salesTax),
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
