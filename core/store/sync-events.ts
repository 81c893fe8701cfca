import type { EntityManager } from '@mikro-orm/postgresql';
import type { RoutedOutcome } from '../pipeline/flow-decision';
import { insertRows } from './insert-rows';
import type { OutboxRow } from './outbox';
import { sendSql } from './send-sql';

export interface SyncEventRow {
  readonly id: string;
  readonly at: Date;
  readonly item: string;
  readonly operation: string;
  readonly source: string;
  readonly target: string;
  readonly source_id: string;
  readonly outcome: string;
  readonly message: string | null;
}

/** The sync log: one row per change that reached a decision (applied, skipped, denied, failed). */
export async function recordOutcomes(em: EntityManager, connectionId: string, target: string, outcomes: readonly RoutedOutcome[], now: Date): Promise<void> {
  await insertRows(
    em,
    'sync_event',
    ['connection_id', 'at', 'item', 'operation', 'source', 'target', 'source_id', 'outcome', 'message'],
    outcomes.map((o) => [connectionId, now, o.change.item, o.change.operation, o.change.source, target, o.change.sourceId, o.outcome, o.message ?? null]),
  );
}

/** A page of the log, newest first; `before` is the id of the last row of the previous page. */
export async function readEvents(em: EntityManager, connectionId: string, limit: number, before?: string): Promise<SyncEventRow[]> {
  return before
    ? sendSql<SyncEventRow[]>(em, 'select * from sync_event where connection_id = ? and id < ? order by id desc limit ?', [connectionId, before, limit])
    : sendSql<SyncEventRow[]>(em, 'select * from sync_event where connection_id = ? order by id desc limit ?', [connectionId, limit]);
}

/**
 * A line for a write the target system carried out later than its change was routed (the
 * change's own line says "deferred"): what finally happened, in the partner's words.
 */
export async function recordFinishedWrite(em: EntityManager, row: OutboxRow, entry: { operation: string; outcome: 'applied' | 'failed'; message: string }, now: Date): Promise<void> {
  await insertRows(
    em,
    'sync_event',
    ['connection_id', 'at', 'item', 'operation', 'source', 'target', 'source_id', 'outcome', 'message'],
    [[row.connection_id, now, row.item, entry.operation, row.source ?? row.target, row.target, row.source_id, entry.outcome, entry.message]],
  );
}
