import type { EntityManager } from '@mikro-orm/postgresql';
import { Connection } from '../../../core/store/entities/connection';
import { sendSql } from '../../../core/store/send-sql';
import { recordSessionSummary } from '../../../core/store/sync-summary';
import { QBO_SYSTEM } from '../qbo-system';

/**
 * A sync that went to the end: the connection's last sync, its bar full, one summary line in the
 * sync log, and a failure recorded by an earlier sync no longer standing (unless this sync itself
 * asked the partner for something, such as a deposit account).
 */
export async function finishSync(
  em: EntityManager,
  input: { connectionId: string; startedAt: Date; now: Date; counts: Record<string, number>; problemShown: boolean },
): Promise<void> {
  const { connectionId, startedAt, now } = input;
  const counts = Object.fromEntries(Object.entries(input.counts).filter(([, n]) => n > 0));
  await em.transactional(async (tx) => {
    const trx = tx as EntityManager;
    await trx.nativeUpdate(
      Connection,
      { id: connectionId },
      { progressPercent: 100, progressPhase: 'done', progressCounts: counts, lastSyncAt: now, lastAnsweredAt: now, fullSyncRequestedAt: null, updatedAt: now },
    );
    if (!input.problemShown)
      await sendSql(
        trx,
        `update connection set status = case when status in ('error', 'pending') then 'connected' else status end,
           last_error_code = null, last_error_message = null where id = ?`,
        [connectionId],
      );
    await recordSessionSummary(trx, { connectionId, source: QBO_SYSTEM, target: 'none', since: startedAt, now });
  });
}
