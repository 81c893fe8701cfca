import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../store/send-sql';

/**
 * The connections the interval tick syncs, in one query: of a system with a server-driven
 * sync, connected, and neither synced nor failed (a non-transient failure) within their interval.
 *
 * "Within" allows one tick of slack (`tickSeconds`): last_sync_at is when the previous sync
 * ended, a few seconds after the tick that started it, so the tick `interval` minutes later would
 * find it just short of due and leave it for one more tick: a 1-minute interval then synced
 * every second minute (the two-instance bench measured 88-122 s between syncs). With the slack a sync may start
 * up to one tick early, never one late.
 */
export async function dueConnections(em: EntityManager, systems: readonly string[], now: Date, tickSeconds: number): Promise<string[]> {
  if (systems.length === 0) return [];
  const rows = await sendSql<{ id: string }[]>(
    em,
    `select c.id from connection c left join connection_sync_run r on r.connection_id = c.id
     where c.system = any(?::text[]) and c.status = 'connected'
       and (c.last_sync_at is null or c.last_sync_at <= ?::timestamptz - make_interval(mins => c.sync_interval_minutes, secs => ?))
       and (r.failed_at is null or r.failed_at <= ?::timestamptz - make_interval(mins => c.sync_interval_minutes, secs => ?))`,
    [systems, now, -tickSeconds, now, -tickSeconds],
  );
  return rows.map((r) => r.id);
}
