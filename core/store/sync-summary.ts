import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from './send-sql';
import { eventAudience, recordConnectionEvents } from '../webhooks/webhook-events';

/**
 * One line for a finished session: how many lines of each kind it wrote since it started, keyed
 * `item:operation:outcome[:effect]` (e.g. `invoice:upsert:applied:updated`); the partner's view
 * puts them in words. Lines queued by the platform meanwhile are not the session's doing. Runs
 * after the session's held lines are written, in the same transaction. Only the lines after the
 * previous summary are looked at (walking the index back from the newest), so the cost is this
 * session's lines, not the connection's history. A session that found nothing new writes no
 * line: a poll every five minutes would otherwise bury the log in "nothing new".
 *
 * Every finished sync is also a `sync.completed` webhook event, in the same transaction, with
 * its counts and the summary's (the latter empty when nothing was new). Its data is core's own (connection, system,
 * start, end, counts) rather than an adapter's connection view: core may not ask an adapter for
 * it, and these fields mean the same for every accounting system.
 */
export async function recordSessionSummary(
  em: EntityManager,
  input: { connectionId: string; source: string; target: string; since: Date; now: Date },
): Promise<void> {
  const [line] = await sendSql<{ counts: Record<string, number> }[]>(
    em,
    `insert into sync_event (connection_id, at, item, operation, source, target, source_id, outcome, message, counts)
     select ?, ?, 'sync', 'session', ?, ?, '', 'applied', null, coalesce(jsonb_object_agg(key, n), '{}'::jsonb)
       from (select item || ':' || operation || ':' || outcome || coalesce(':' || effect, '') as key, count(*) as n
               from sync_event
              where connection_id = ? and at >= ?
                and id > coalesce((select id from sync_event where connection_id = ? and item = 'sync' order by id desc limit 1), 0)
                and item not in ('sync', 'connection') and outcome <> 'deferred'
              group by 1) lines
     having count(*) > 0
     returning counts`,
    [input.connectionId, input.now, input.source, input.target, input.connectionId, input.since, input.connectionId],
  );
  if (!(await eventAudience(em, input.connectionId)).wants('sync.completed')) return;
  const [progress] = await sendSql<{ progress_counts: Record<string, number> | null }[]>(em, 'select progress_counts from connection where id = ?', [
    input.connectionId,
  ]);
  const data = {
    connectionId: input.connectionId,
    system: input.source,
    startedAt: new Date(input.since).toISOString(),
    completedAt: input.now.toISOString(),
    // What the sync did in the partner's words, as the connection's progress.counts shows them (e.g. { invoices: 12 }).
    counts: progress?.progress_counts ?? {},
    // The sync log's lines of it, by `item:operation:outcome[:effect]` (empty when nothing was new).
    changes: line?.counts ?? {},
  };
  await recordConnectionEvents(em, input.connectionId, [{ type: 'sync.completed', data }], input.now);
}
