import type { EntityManager } from '@mikro-orm/postgresql';
import { entryOf } from './entry-of';
import { HeldRows, heldRows } from './held-writes';
import { insertStatements } from './insert-rows';
import type { SqlStatement } from './send-together';
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
  const byConnection = heldBy(em);
  // The read itself is kept, so that steps asking at the same moment share one statement.
  let cursors = byConnection.get(connectionId);
  if (!cursors) {
    cursors = sendSql<{ stream: string; value: string }[]>(em, 'select stream, value from sync_cursor where connection_id = ?', [connectionId]).then(
      (rows) => new Map(rows.map((r) => [r.stream, r.value])),
    );
    byConnection.set(connectionId, cursors);
    cursors.catch(() => byConnection.delete(connectionId));
  }
  // A write held back for the end of the transaction is already what this transaction reads.
  return heldRows(em)?.cursors.get(`${connectionId}\u0000${stream}`)?.value ?? (await cursors).get(stream);
}

function heldBy(em: EntityManager): Map<string, Promise<Map<string, string>>> {
  return entryOf(held, em, () => new Map());
}

/**
 * A select-list expression for the bookmarks of the connection `connectionIdSql` names, as one
 * JSON object (stream -> value), for a statement that reads them with the row they belong to;
 * hand the object to primeCursors.
 */
export function cursorsOfConnection(connectionIdSql: string): string {
  return `(select coalesce(json_object_agg(c.stream, c.value), '{}'::json) from sync_cursor c where c.connection_id = ${connectionIdSql})`;
}

/** Bookmarks read by another statement (cursorsOfConnection): `em` holds them unless it read them already. */
export function primeCursors(em: EntityManager, connectionId: string, cursors: Readonly<Record<string, string>>): void {
  const byConnection = heldBy(em);
  if (!byConnection.has(connectionId)) byConnection.set(connectionId, Promise.resolve(new Map(Object.entries(cursors))));
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

/** The statement for the bookmarks a transaction held (holdWrites). */
export function heldCursorStatements(rows: HeldRows): SqlStatement[] {
  const values = [...rows.cursors.values()];
  return insertStatements(
    'sync_cursor',
    ['connection_id', 'stream', 'value', 'updated_at'],
    values.map((c) => [c.connectionId, c.stream, c.value, c.at]),
    UPSERT,
  );
}

/**
 * How one stream's bookmark is kept as text: declared once, by the step that owns the stream,
 * so its shape is read and written in one place.
 *
 * @example const DONE_UP_TO = textBookmark('qbd:customers-deleted'); await readBookmark(em, id, DONE_UP_TO);
 */
export interface BookmarkCodec<B> {
  readonly stream: string;
  decode(raw: string): B;
  encode(bookmark: B): string;
}

/** A bookmark that is its own text (a timestamp as the other system wrote it). */
export const textBookmark = (stream: string): BookmarkCodec<string> => ({ stream, decode: (raw) => raw, encode: (bookmark) => bookmark });

/** The stream's bookmark, decoded; undefined when it was never written. */
export async function readBookmark<B>(em: EntityManager, connectionId: string, codec: BookmarkCodec<B>): Promise<B | undefined> {
  const raw = await readCursor(em, connectionId, codec.stream);
  return raw === undefined ? undefined : codec.decode(raw);
}

/** Writes the stream's bookmark: call it only in the transaction that stores the data it covers. */
export async function writeBookmark<B>(em: EntityManager, connectionId: string, codec: BookmarkCodec<B>, bookmark: B, now: Date): Promise<void> {
  await writeCursor(em, connectionId, codec.stream, codec.encode(bookmark), now);
}
