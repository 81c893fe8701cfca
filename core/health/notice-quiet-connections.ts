import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../store/send-sql';
import { emitConnectionEvent } from '../webhooks/connection-events';
import { QUIET_AFTER_INTERVALS } from './connection-health';

/**
 * Marks every connection that has gone quiet (no sync started and no answer for three of its
 * intervals) and writes one sync-log line for each, in one statement: an instance that races
 * another finds `quiet_since` already set and writes nothing, so each quiet spell is told once.
 * Connections never signed in, or paused by the partner, are not quiet. Returns their ids.
 */
export async function noticeQuietConnections(em: EntityManager, now: Date): Promise<string[]> {
  return em.transactional(async (tx) => noticeIn(tx as EntityManager, now));
}

/** The statement, and a `connection.stale` webhook event per quiet connection in its transaction. */
async function noticeIn(em: EntityManager, now: Date): Promise<string[]> {
  const rows = await sendSql<{ connection_id: string }[]>(
    em,
    `with quiet as (
       update connection set quiet_since = ?
        where quiet_since is null and status <> 'paused' and last_authenticated_at is not null
          and greatest(last_authenticated_at, coalesce(last_answered_at, last_authenticated_at))
              < ?::timestamptz - make_interval(mins => sync_interval_minutes * ${QUIET_AFTER_INTERVALS})
        returning id, system, greatest(last_authenticated_at, coalesce(last_answered_at, last_authenticated_at)) as last_contact
     )
     insert into sync_event (connection_id, at, item, operation, source, target, source_id, outcome, message)
     select id, ?, 'connection', 'quiet', system, 'none', '', 'failed', to_char(last_contact at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from quiet
     returning connection_id`,
    [now, now, now],
  );
  for (const { connection_id } of rows) await emitConnectionEvent(em, connection_id, 'connection.stale', now);
  return rows.map((r) => r.connection_id);
}

/** The connection signed in again: the quiet spell ends, with a line saying so. */
export async function endQuietSpell(em: EntityManager, connectionId: string, system: string, now: Date): Promise<void> {
  await sendSql(
    em,
    `with back as (update connection set quiet_since = null where id = ? and quiet_since is not null returning id, quiet_since)
     insert into sync_event (connection_id, at, item, operation, source, target, source_id, outcome, message)
     select id, ?, 'connection', 'back', ?, 'none', '', 'applied', null from back`,
    [connectionId, now, system],
  );
}
