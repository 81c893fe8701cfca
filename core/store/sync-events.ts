import type { EntityManager } from '@mikro-orm/postgresql';
import type { RoutedOutcome } from '../pipeline/flow-decision';
import { HeldRows, heldRows } from './held-writes';
import { columnarInsert, insertColumns, TypedColumn } from './insert-rows';
import type { SqlStatement } from './send-together';
import type { OutboxRow } from './outbox';
import { sendSql } from './send-sql';
import { emitRecordEvents, webhookContextOf } from '../webhooks/record-events';

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
  readonly effect: string | null;
  readonly counts: Record<string, number> | null;
}

/** Which lines a page of the log holds: all of them, or those that need the partner. */
export type EventFilter = 'all' | 'attention';

/** The sync log: one row per change that reached a decision (applied, skipped, denied, failed). */
const COLUMNS: readonly TypedColumn[] = [
  ['connection_id', 'uuid'],
  ['at', 'timestamptz'],
  ['item', 'text'],
  ['operation', 'text'],
  ['source', 'text'],
  ['target', 'text'],
  ['source_id', 'text'],
  ['outcome', 'text'],
  ['message', 'text'],
  ['effect', 'text'],
];

/** Rows go at once, or with the transaction's other held writes at its end (held-writes.ts). */
async function addEvents(em: EntityManager, rows: unknown[][]): Promise<void> {
  const holding = heldRows(em);
  if (holding) holding.events.push(...rows);
  else await insertColumns(em, 'sync_event', COLUMNS, rows);
}

/** A record found as it was (a re-read of the same version) is no news: it gets no line. */
export async function recordOutcomes(em: EntityManager, connectionId: string, target: string, outcomes: readonly RoutedOutcome[], now: Date): Promise<void> {
  const news = outcomes.filter((o) => o.effect !== 'unchanged');
  if (news.length > 0)
    await addEvents(
      em,
      news.map((o) => [
        connectionId,
        now,
        o.change.item,
        o.change.operation,
        o.change.source,
        target,
        o.change.sourceId,
        o.outcome,
        o.message ?? null,
        o.effect ?? null,
      ]),
    );
}

/** The statement for the sync-log rows a transaction held (holdWrites). */
export function heldEventStatements(rows: HeldRows): SqlStatement[] {
  return rows.events.length > 0 ? [columnarInsert('sync_event', COLUMNS, rows.events)] : [];
}

/** A page of the log, newest first; `before` is the id of the last row of the previous page. */
export async function readEvents(
  em: EntityManager,
  connectionId: string,
  limit: number,
  before?: string,
  filter: EventFilter = 'all',
): Promise<SyncEventRow[]> {
  const only = filter === 'attention' ? ` and outcome = 'failed'` : '';
  return before
    ? sendSql<SyncEventRow[]>(em, `select * from sync_event where connection_id = ? and id < ?${only} order by id desc limit ?`, [connectionId, before, limit])
    : sendSql<SyncEventRow[]>(em, `select * from sync_event where connection_id = ?${only} order by id desc limit ?`, [connectionId, limit]);
}

/**
 * A line for a write the target system carried out later than its change was routed (the
 * change's own line says "deferred"): what finally happened, in the partner's words. And, in
 * a transaction whose opener attached a webhook context, the webhook events of the record the
 * write was about (its source's adapter says which: a payment posted, a payout deposited...).
 */
export async function recordFinishedWrite(
  em: EntityManager,
  row: OutboxRow,
  entry: { operation: string; outcome: 'applied' | 'failed'; message: string | null },
  now: Date,
): Promise<void> {
  await addEvents(em, [
    [row.connection_id, now, row.item, entry.operation, row.source ?? row.target, row.target, row.source_id, entry.outcome, entry.message, null],
  ]);
  const webhooks = webhookContextOf(em);
  if (webhooks && row.source)
    await emitRecordEvents(em, webhooks, {
      connectionId: row.connection_id,
      owner: row.source,
      item: row.item,
      news: [{ id: row.source_id, news: 'written' }],
      now,
    });
}
