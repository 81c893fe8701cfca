import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Bookmarks: how far a stream of one connection has been read. Written only in the transaction
 * that stores the data it covers, so a bookmark never runs ahead of its data.
 */
export async function readCursor(em: EntityManager, connectionId: string, stream: string): Promise<string | undefined> {
  const rows = await em.execute<{ value: string }[]>('select value from sync_cursor where connection_id = ? and stream = ?', [connectionId, stream]);
  return rows[0]?.value;
}

export async function writeCursor(em: EntityManager, connectionId: string, stream: string, value: string, now: Date): Promise<void> {
  await em.execute(
    `insert into sync_cursor (connection_id, stream, value, updated_at) values (?, ?, ?, ?)
     on conflict (connection_id, stream) do update set value = excluded.value, updated_at = excluded.updated_at`,
    [connectionId, stream, value, now],
  );
}
