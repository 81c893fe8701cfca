import type { RecordInTarget, RecordsInTargetInput } from '../../core/ports/adapter-port';
import { OutboxRow, latestRows } from '../../core/store/outbox';

/**
 * What the newest outbox row of a record says about it in QuickBooks. A payment's rows are its
 * add and, when it failed, its revert (a delete, or a return after its payout): a finished revert
 * is `removed`, with what was recorded when that was more than a delete.
 */
function recordIn(row: OutboxRow): RecordInTarget {
  if (row.state === 'needs-action') return { state: 'refused', message: row.message ?? 'QuickBooks refused this write.' };
  if (row.state === 'pending' || row.state === 'sent') return { state: 'pending' };
  const reverted = row.operation === 'delete-payment' || (row.operation === 'receive-payment' && row.state === 'cancelled');
  if (reverted) return { state: 'removed', ...(row.message && row.operation === 'delete-payment' ? { message: row.message } : {}) };
  return { state: 'written', ...(row.target_id ? { targetId: row.target_id } : {}) };
}

/** AdapterPortV1.recordsInTarget for QuickBooks Desktop: from the outbox, a page of records in one query. */
export async function recordsInQuickBooks(input: RecordsInTargetInput): Promise<ReadonlyMap<string, RecordInTarget>> {
  const rows = await latestRows(input.transaction, input.connectionId, input.item, input.sourceIds);
  return new Map([...rows].map(([id, row]) => [id, recordIn(row)]));
}
