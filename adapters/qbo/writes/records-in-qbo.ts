import type { RecordInTarget, RecordsInTargetInput } from '../../../core/ports/adapter-port';
import { OutboxRow, latestRows } from '../../../core/store/outbox';

/**
 * What the newest outbox row of a record says about it in QBO. A payment's rows are its create
 * and, when it failed, its delete: a finished delete (or a create cancelled before it went) is
 * `removed`.
 */
function recordIn(row: OutboxRow): RecordInTarget {
  if (row.state === 'needs-action') return { state: 'refused', message: row.message ?? 'QuickBooks Online refused this write.' };
  if (row.state === 'pending' || row.state === 'sent') return { state: 'pending' };
  const reverted = row.operation === 'payment-delete' || (row.operation === 'payment-create' && row.state === 'cancelled');
  if (reverted) return { state: 'removed', ...(row.message && row.operation === 'payment-delete' ? { message: row.message } : {}) };
  return { state: 'written', ...(row.target_id ? { targetId: row.target_id } : {}) };
}

/** AdapterPortV1.recordsInTarget for QBO: from the outbox, a page of records in one query. */
export async function recordsInQbo(input: RecordsInTargetInput): Promise<ReadonlyMap<string, RecordInTarget>> {
  const rows = await latestRows(input.transaction, input.connectionId, input.item, input.sourceIds);
  return new Map([...rows].map(([id, row]) => [id, recordIn(row)]));
}
