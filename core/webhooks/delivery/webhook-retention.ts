import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../../store/send-sql';

/** How long settled deliveries and their events are kept: past the whole retry schedule (~3 days) and a month of dashboard history. */
export const KEEP_DAYS = 30;

/**
 * Deletes deliveries settled (delivered or given up) more than KEEP_DAYS ago, then the events
 * no delivery refers to any more that are as old. A pending delivery and its event are never
 * deleted, however old (an endpoint disabled for months still has them to send when enabled).
 * Returns how many events went.
 */
export async function purgeSettledWebhooks(em: EntityManager, now: Date): Promise<number> {
  const before = new Date(now.getTime() - KEEP_DAYS * 24 * 3600 * 1000);
  await sendSql(em, `delete from webhook_delivery where state <> 'pending' and created_at < ?`, [before]);
  const rows = await sendSql<{ n: number }[]>(
    em,
    `with gone as (delete from webhook_event ev where ev.created_at < ?
        and not exists (select 1 from webhook_delivery d where d.event_seq = ev.seq) returning 1)
     select count(*)::int as n from gone`,
    [before],
  );
  return rows[0]?.n ?? 0;
}
