import type { EntityManager } from '@mikro-orm/postgresql';
import type { RoutedOutcome } from '../pipeline/flow-decision';
import { HeldRows, heldRows } from './held-writes';
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
const COLUMNS = ['connection_id', 'at', 'item', 'operation', 'source', 'target', 'source_id', 'outcome', 'message'];

/** Rows go at once, or with the transaction's other held writes at its end (held-writes.ts). */
async function addEvents(em: EntityManager, rows: unknown[][]): Promise<void> {
  const holding = heldRows(em);
  if (holding) holding.events.push(...rows);
  else await insertRows(em, 'sync_event', COLUMNS, rows);
}

export async function recordOutcomes(em: EntityManager, connectionId: string, target: string, outcomes: readonly RoutedOutcome[], now: Date): Promise<void> {
  await addEvents(em, outcomes.map((o) => [connectionId, now, o.change.item, o.change.operation, o.change.source, target, o.change.sourceId, o.outcome, o.message ?? null]));
}

/** Writes the sync-log rows a transaction held (holdWrites), in one statement. */
export async function writeHeldEvents(em: EntityManager, rows: HeldRows): Promise<void> {
  await insertRows(em, 'sync_event', COLUMNS, rows.events);
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
  await addEvents(em, [[row.connection_id, now, row.item, entry.operation, row.source ?? row.target, row.target, row.source_id, entry.outcome, entry.message]]);
}
