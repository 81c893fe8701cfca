import type { EntityManager } from '@mikro-orm/postgresql';
import { readCursor, writeCursor } from '../../../../core/store/sync-cursors';

const STREAM = 'qbd:invoices-to-refresh';

/**
 * Invoices whose balance we changed in QuickBooks in a way a modified-since read cannot see
 * (a payment we deleted leaves nothing modified behind). The balances step reads them again.
 */
export async function markInvoicesToRefresh(em: EntityManager, connectionId: string, txnIds: readonly string[], now: Date): Promise<void> {
  if (txnIds.length === 0) return;
  const known = await invoicesToRefresh(em, connectionId);
  await writeCursor(em, connectionId, STREAM, JSON.stringify([...new Set([...known, ...txnIds])]), now);
}

export async function invoicesToRefresh(em: EntityManager, connectionId: string): Promise<string[]> {
  return JSON.parse((await readCursor(em, connectionId, STREAM)) ?? '[]') as string[];
}

export async function clearInvoicesToRefresh(em: EntityManager, connectionId: string, now: Date): Promise<void> {
  await writeCursor(em, connectionId, STREAM, '[]', now);
}
