import type { EntityManager } from '@mikro-orm/postgresql';
import { HeldRows, heldRows } from './held-writes';
import { insertRows } from './insert-rows';
import { sendSql } from './send-sql';

/**
 * The bookmarks an entity manager has read, by connection. A call reads many bookmarks of one
 * connection (each session step reads its own, some read another's), so the first read takes
 * all of that connection's in one statement. An entity manager lives for one call or one
 * transaction; its own writes update what it holds. A transaction's writes are not seen by the
 * entity manager it was opened from until that one is forked again: read a bookmark with the
 * entity manager that wrote it.
 */
const held = new WeakMap<EntityManager, Map<string, Promise<Map<string, string>>>>();

/**
 * Bookmarks: how far a stream of one connection has been read. Written only in the transaction
 * that stores the data it covers, so a bookmark never runs ahead of its data.
 */
export async function readCursor(em: EntityManager, connectionId: string, stream: string): Promise<string | undefined> {
  let byConnection = held.get(em);
  if (!byConnection) held.set(em, (byConnection = new Map()));
  // The read itself is kept, so that steps asking at the same moment share one statement.
  let cursors = byConnection.get(connectionId);
  if (!cursors) {
    cursors = sendSql<{ stream: string; value: string }[]>(em, 'select stream, value from sync_cursor where connection_id = ?', [connectionId]).then(
      (rows) => new Map(rows.map((r) => [r.stream, r.value])),
    );
    byConnection.set(connectionId, cursors);
    cursors.catch(() => byConnection!.delete(connectionId));
  }
  // A write held back for the end of the transaction is already what this transaction reads.
  return heldRows(em)?.cursors.get(`${connectionId}\u0000${stream}`)?.value ?? (await cursors).get(stream);
}

const UPSERT = 'on conflict (connection_id, stream) do update set value = excluded.value, updated_at = excluded.updated_at';

export async function writeCursor(em: EntityManager, connectionId: string, stream: string, value: string, now: Date): Promise<void> {
  const holding = heldRows(em);
  if (holding) holding.cursors.set(`${connectionId}\u0000${stream}`, { connectionId, stream, value, at: now });
  else
    await sendSql(em, `insert into sync_cursor (connection_id, stream, value, updated_at) values (?, ?, ?, ?) ${UPSERT}`, [connectionId, stream, value, now]);
  const cursors = held.get(em)?.get(connectionId);
  if (cursors) (await cursors.catch(() => undefined))?.set(stream, value);
}

/** Writes the bookmarks a transaction held (holdWrites), in one statement. */
export async function writeHeldCursors(em: EntityManager, rows: HeldRows): Promise<void> {
  const values = [...rows.cursors.values()];
  if (values.length > 0)
    await insertRows(
      em,
      'sync_cursor',
      ['connection_id', 'stream', 'value', 'updated_at'],
      values.map((c) => [c.connectionId, c.stream, c.value, c.at]),
      UPSERT,
    );
}
