import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../store/send-sql';

/**
 * The connections the interval tick syncs, in one query: of a system with a server-driven
 * sync, connected, and neither synced nor failed (a non-transient failure) within their interval.
 */
export async function dueConnections(em: EntityManager, systems: readonly string[], now: Date): Promise<string[]> {
  if (systems.length === 0) return [];
  const rows = await sendSql<{ id: string }[]>(
    em,
    `select c.id from connection c left join connection_sync_run r on r.connection_id = c.id
     where c.system = any(?::text[]) and c.status = 'connected'
       and (c.last_sync_at is null or c.last_sync_at <= ?::timestamptz - make_interval(mins => c.sync_interval_minutes))
       and (r.failed_at is null or r.failed_at <= ?::timestamptz - make_interval(mins => c.sync_interval_minutes))`,
    [systems, now, now],
  );
  return rows.map((r) => r.id);
}
