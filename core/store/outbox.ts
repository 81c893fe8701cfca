import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { entryOf } from './entry-of';
import { ANY_OF_LIST, arrayLiteral } from './insert-rows';
import { sendSql } from './send-sql';

export type OutboxState = 'pending' | 'sent' | 'done' | 'cancelled' | 'needs-action';

export interface OutboxRow {
  readonly id: string;
  readonly connection_id: string;
  /** The system whose change asked for this write (null on rows older than the column). */
  readonly source: string | null;
  readonly target: string;
  readonly item: string;
  readonly operation: string;
  readonly source_id: string;
  readonly payload: Record<string, unknown>;
  readonly state: OutboxState;
  readonly attempts: number;
  /** The request that carries this row right now, and what it asks (an adapter's own words). */
  readonly request_id: string | null;
  readonly request_kind: string | null;
  readonly target_id: string | null;
  readonly message: string | null;
  /** What a write of several requests has learnt so far (an adapter's own notes); null until then. */
  readonly progress: Record<string, unknown> | null;
}

/** Per entity manager: `connectionId\u0000target` pairs a statement found no write due for (primeWritesDue), until nextDue asks. */
const nothingDue = new WeakMap<EntityManager, Set<string>>();

export async function enqueue(
  em: EntityManager,
  row: { connectionId: string; source: string; target: string; item: string; operation: string; sourceId: string; payload: unknown; now: Date },
): Promise<string> {
  const id = randomUUID();
  // A write queued by this entity manager is due, whatever it read before (primeWritesDue).
  nothingDue.get(em)?.delete(`${row.connectionId}\u0000${row.target}`);
  await sendSql(
    em,
    'insert into outbox (id, connection_id, source, target, item, operation, source_id, payload, state, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [id, row.connectionId, row.source, row.target, row.item, row.operation, row.sourceId, JSON.stringify(row.payload), 'pending', row.now, row.now],
  );
  return id;
}

/**
 * A select-list expression, true when a write is due for the connection `connectionIdSql` names
 * and the target given as its one parameter, for a statement that reads it with other rows; hand
 * it to primeWritesDue. Most calls that look for a write find none: this saves them the look.
 */
export function writesDueOf(connectionIdSql: string): string {
  return `exists (select 1 from outbox o where o.connection_id = ${connectionIdSql} and o.target = ? and o.state in ('pending', 'sent'))`;
}

/** What another statement read (writesDueOf): when nothing was due, the next nextDue of `em` for them answers so without a look. */
export function primeWritesDue(em: EntityManager, connectionId: string, target: string, due: boolean): void {
  const pairs = entryOf(nothingDue, em, () => new Set<string>());
  if (due) pairs.delete(`${connectionId}\u0000${target}`);
  else pairs.add(`${connectionId}\u0000${target}`);
}

/** The oldest write still to do for a target (pending, or sent without a confirmed answer), but those passed over as waiting and those of operations that cannot run now. */
export async function nextDue(
  em: EntityManager,
  connectionId: string,
  target: string,
  passedOver: readonly string[] = [],
  notOperations: readonly string[] = [],
): Promise<OutboxRow | undefined> {
  // Known empty by the call's first statement (once: a later ask looks again).
  if (nothingDue.get(em)?.delete(`${connectionId}\u0000${target}`)) return undefined;
  return (
    await sendSql<OutboxRow[]>(
      em,
      `select * from outbox where connection_id = ? and target = ? and state in ('pending', 'sent') and not (id = any(?::uuid[])) and not (operation ${ANY_OF_LIST}) order by created_at, seq limit 1`,
      [connectionId, target, arrayLiteral(passedOver), arrayLiteral(notOperations)],
    )
  )[0];
}

export async function outboxRow(em: EntityManager, id: string): Promise<OutboxRow | undefined> {
  return (await sendSql<OutboxRow[]>(em, 'select * from outbox where id = ?', [id]))[0];
}

/** The newest row of a connection for a record (of one operation, when given), whatever its state. */
export async function latestRow(em: EntityManager, connectionId: string, item: string, sourceId: string, operation?: string): Promise<OutboxRow | undefined> {
  return operation
    ? (
        await sendSql<OutboxRow[]>(
          em,
          'select * from outbox where connection_id = ? and item = ? and source_id = ? and operation = ? order by created_at desc, seq desc limit 1',
          [connectionId, item, sourceId, operation],
        )
      )[0]
    : (
        await sendSql<OutboxRow[]>(
          em,
          'select * from outbox where connection_id = ? and item = ? and source_id = ? order by created_at desc, seq desc limit 1',
          [connectionId, item, sourceId],
        )
      )[0];
}

export async function openRowsFor(em: EntityManager, connectionId: string, item: string, sourceId: string): Promise<OutboxRow[]> {
  return sendSql<OutboxRow[]>(
    em,
    `select * from outbox where connection_id = ? and item = ? and source_id = ? and state in ('pending', 'sent') order by created_at, seq`,
    [connectionId, item, sourceId],
  );
}

export interface OutboxChange {
  readonly state: OutboxState;
  readonly targetId?: string | null;
  readonly message?: string | null;
  readonly request?: { readonly id: string; readonly kind: string };
  /** Replaces the row's progress notes; absent keeps them. */
  readonly progress?: Record<string, unknown>;
}

export async function markOutbox(em: EntityManager, id: string, change: OutboxChange, now: Date): Promise<void> {
  await sendSql(
    em,
    `update outbox set state = ?, target_id = coalesce(?, target_id), message = ?, request_id = ?, request_kind = ?,
       attempts = attempts + ?, progress = coalesce(?::jsonb, progress), updated_at = ? where id = ?`,
    [
      change.state,
      change.targetId ?? null,
      change.message ?? null,
      change.request?.id ?? null,
      change.request?.kind ?? null,
      change.request ? 1 : 0,
      change.progress ? JSON.stringify(change.progress) : null,
      now,
      id,
    ],
  );
}

/** The row a request carries, to match an answer to what was asked. */
export async function rowForRequest(em: EntityManager, connectionId: string, requestId: string): Promise<OutboxRow | undefined> {
  // Request ids carry their session, so two rows never share one; newest first all the same.
  return (
    await sendSql<OutboxRow[]>(em, 'select * from outbox where connection_id = ? and request_id = ? order by updated_at desc, seq desc limit 1', [
      connectionId,
      requestId,
    ])
  )[0];
}

/**
 * A scalar subquery for sentRecordsAs of one id: the source id of the record we sent that came
 * back as `targetIdSql` in the target system, for a statement that reads it beside the target's
 * own rows. Its parameters, in order: the target system, the item.
 */
export function sentRecordAs(connectionIdSql: string, targetIdSql: string): string {
  return `(select o.source_id from outbox o where o.connection_id = ${connectionIdSql} and o.target = ? and o.item = ? and o.state = 'done' and o.target_id = ${targetIdSql} limit 1)`;
}

/**
 * The records we sent that came back under these ids in the target system (target id ->
 * our source id): when the target's own changes for them are read later, they are our
 * records, not new ones.
 */
export async function sentRecordsAs(
  em: EntityManager,
  connectionId: string,
  target: string,
  item: string,
  targetIds: readonly string[],
): Promise<Map<string, string>> {
  if (targetIds.length === 0) return new Map();
  const rows = await sendSql<{ source_id: string; target_id: string }[]>(
    em,
    `select source_id, target_id from outbox where connection_id = ? and target = ? and item = ? and state = 'done' and target_id ${ANY_OF_LIST}`,
    [connectionId, target, item, arrayLiteral(targetIds)],
  );
  return new Map(rows.map((r) => [r.target_id, r.source_id]));
}

/**
 * The connection's open or finished deposit rows whose payload lists this payment among its
 * lines (`lines[].paymentId`): a payout that holds it, on its way to the target or there.
 */
export async function depositRowsHolding(em: EntityManager, connectionId: string, paymentId: string): Promise<OutboxRow[]> {
  return sendSql<OutboxRow[]>(
    em,
    `select * from outbox where connection_id = ? and item = 'deposit' and state in ('pending', 'sent', 'done') and payload -> 'lines' @> ?::jsonb order by created_at, seq`,
    [connectionId, JSON.stringify([{ paymentId }])],
  );
}

/**
 * Whether a write of this record to any target is queued, on its way or done: the record
 * exists (or soon will) outside the system that made it. Refused and cancelled writes do not count.
 */
export async function hasLiveWrite(em: EntityManager, connectionId: string, item: string, sourceId: string): Promise<boolean> {
  const rows = await sendSql<unknown[]>(
    em,
    `select 1 from outbox where connection_id = ? and item = ? and source_id = ? and state in ('pending', 'sent', 'done') limit 1`,
    [connectionId, item, sourceId],
  );
  return rows.length > 0;
}

/** A write not yet handed out takes a newer payload (an edit made before it left). */
export async function replacePendingPayload(em: EntityManager, id: string, payload: unknown, now: Date): Promise<boolean> {
  const rows = await sendSql<unknown[]>(
    em,
    `update outbox set payload = ?, updated_at = ? where id = ? and state = 'pending' and request_id is null returning id`,
    [JSON.stringify(payload), now, id],
  );
  return rows.length > 0;
}

/** The newest row for each of these records (any operation), in one query: for a page of them. */
export async function latestRows(em: EntityManager, connectionId: string, item: string, sourceIds: readonly string[]): Promise<Map<string, OutboxRow>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await sendSql<OutboxRow[]>(
    em,
    `select distinct on (source_id) * from outbox where connection_id = ? and item = ? and source_id ${ANY_OF_LIST} order by source_id, created_at desc, seq desc`,
    [connectionId, item, arrayLiteral(sourceIds)],
  );
  return new Map(rows.map((r) => [r.source_id, r]));
}
