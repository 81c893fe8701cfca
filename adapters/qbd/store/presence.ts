import type { EntityManager } from '@mikro-orm/postgresql';
import { entryOf } from '../../../core/store/entry-of';
import { sendHeldRows } from '../../../core/store/flush-held-writes';
import { holdRows } from '../../../core/store/held-writes';
import { ANY_OF_LIST, TypedColumn, arrayLiteral, columnarInsert } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';
import { sendTogether } from '../../../core/store/send-together';

/** The items the scan for records deleted long ago looks for (vanished-step.ts). */
export const SCANNED_ITEMS = ['customer', 'invoice'] as const;

/** Per entity manager and connection: when each scanned item was first noted, read once for all scan steps. */
const firstNoted = new WeakMap<EntityManager, Map<string, Promise<Map<string, string>>>>();

/**
 * A select-list expression for when each scanned item of the connection `connectionIdSql` names
 * was first noted present, as one JSON object (item -> time, null while none was), for a
 * statement that reads it with other rows; hand the object to primeFirstNoted. A min per item,
 * each from the primary key's range of its item (a GROUP BY over the connection's rows took half
 * as long again at 100,000 invoices). The items are this module's constants, never input.
 */
export function firstNotedOfConnection(connectionIdSql: string): string {
  const items = SCANNED_ITEMS.map((item) => `'${item}'`).join(', ');
  return `(select json_object_agg(i.item, (select min(p.first_seen_at) from qbd_presence p where p.connection_id = ${connectionIdSql} and p.item = i.item))
     from unnest(array[${items}]) as i(item))`;
}

/** First-noted times read by another statement (firstNotedOfConnection): `em` holds them unless it read them already. */
export function primeFirstNoted(em: EntityManager, connectionId: string, times: Readonly<Record<string, Date | string | null>>): void {
  const byConnection = firstNotedBy(em);
  if (!byConnection.has(connectionId)) byConnection.set(connectionId, Promise.resolve(firstNotedMap(times)));
}

/**
 * When the sync first noted a record of `item` present, in the transaction that stored it;
 * undefined while none was noted. One read per entity manager and connection for every scanned
 * item (the scan steps of one planning share it).
 */
export async function firstNotedAt(em: EntityManager, connectionId: string, item: (typeof SCANNED_ITEMS)[number]): Promise<string | undefined> {
  const byConnection = firstNotedBy(em);
  let times = byConnection.get(connectionId);
  if (!times) {
    times = sendSql<{ times: Record<string, Date | string | null> }[]>(em, `select ${firstNotedOfConnection('?')} as times`, [connectionId]).then(([row]) =>
      firstNotedMap(row.times),
    );
    byConnection.set(connectionId, times);
    times.catch(() => byConnection.delete(connectionId));
  }
  return (await times).get(item);
}

function firstNotedBy(em: EntityManager): Map<string, Promise<Map<string, string>>> {
  return entryOf(firstNoted, em, () => new Map());
}

const firstNotedMap = (times: Readonly<Record<string, Date | string | null>>) =>
  new Map(Object.entries(times).flatMap(([item, at]) => (at ? [[item, new Date(at).toISOString()] as const] : [])));

const PRESENCE = 'qbd_presence';
const NOTE_COLUMNS: readonly TypedColumn[] = [
  ['connection_id', 'uuid'],
  ['item', 'text'],
  ['source_id', 'text'],
  ['first_seen_at', 'timestamptz'],
];
const noteStatements = (rows: readonly (readonly unknown[])[]) => [
  columnarInsert(PRESENCE, NOTE_COLUMNS, rows, 'on conflict (connection_id, item, source_id) do nothing'),
];

/**
 * Notes that QuickBooks holds these records (read by a sync step). In a transaction that holds
 * writes (a session's answer), the notes of all its pages go in its last statement, and every
 * other statement here writes them first (it must see them); else at once.
 */
export async function notePresent(em: EntityManager, connectionId: string, item: string, sourceIds: readonly string[], now: Date): Promise<void> {
  if (sourceIds.length === 0) return;
  const rows = sourceIds.map((id) => [connectionId, item, id, now]);
  if (holdRows(em, PRESENCE, rows, noteStatements)) return;
  await sendTogether(em, noteStatements(rows));
}

/** Ids found by the scan that started at `scanStart`: marked, so they are not taken for vanished. */
export async function markSeenInScan(em: EntityManager, connectionId: string, item: string, sourceIds: readonly string[], scanStart: Date): Promise<void> {
  if (sourceIds.length === 0) return;
  await sendHeldRows(em, PRESENCE);
  await sendSql(em, `update qbd_presence set scan_mark = ? where connection_id = ? and item = ? and source_id ${ANY_OF_LIST}`, [
    scanStart,
    connectionId,
    item,
    arrayLiteral(sourceIds),
  ]);
}

/**
 * Ids known before the scan began that the scan did not find: gone from QuickBooks. They are
 * forgotten here in the same transaction that routes their deletion.
 */
export async function takeVanished(em: EntityManager, connectionId: string, item: string, scanStart: Date): Promise<string[]> {
  await sendHeldRows(em, PRESENCE);
  const rows = await sendSql<{ source_id: string }[]>(
    em,
    `delete from qbd_presence where connection_id = ? and item = ? and first_seen_at < ? and (scan_mark is null or scan_mark < ?) returning source_id`,
    [connectionId, item, scanStart, scanStart],
  );
  return rows.map((r) => r.source_id);
}

export async function forgetPresent(em: EntityManager, connectionId: string, item: string, sourceIds: readonly string[]): Promise<void> {
  if (sourceIds.length === 0) return;
  await sendHeldRows(em, PRESENCE);
  await sendSql(em, `delete from qbd_presence where connection_id = ? and item = ? and source_id ${ANY_OF_LIST}`, [
    connectionId,
    item,
    arrayLiteral(sourceIds),
  ]);
}
