import type { EntityManager } from '@mikro-orm/postgresql';
import { Connection } from '../../../core/store/entities/connection';
import { sendSql } from '../../../core/store/send-sql';

/** A session's counts without its bookkeeping (requests made, whether the open company was tried). */
export function partnerCounts(summary: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(summary).filter(([k, v]) => k !== 'requests' && k !== 'retriedOpenCompany' && v > 0));
}

/**
 * Shows a session's progress on its connection: its percent, phase and counts, and, for a call that
 * carried QuickBooks' answer, when it answered; a finished session sets the last sync and clears
 * what it got past.
 */
export async function showProgress(
  em: EntityManager,
  connectionId: string,
  now: Date,
  progress: { percent: number; phase: string; counts: Record<string, number>; answeredAt?: Date },
  finished?: { fullSync: boolean; recoveredFrom: string | null },
): Promise<void> {
  // One update, no read: this runs on every call of a session.
  await em.nativeUpdate(
    Connection,
    { id: connectionId },
    {
      progressPercent: progress.percent,
      progressPhase: progress.phase,
      progressCounts: progress.counts,
      updatedAt: now,
      ...(progress.answeredAt ? { lastAnsweredAt: progress.answeredAt } : {}),
      ...(finished ? { lastSyncAt: now, ...(finished.fullSync ? { fullSyncRequestedAt: null } : {}) } : {}),
    },
  );
  // A session that went to the end proves the connection works: a failure it got past (QuickBooks
  // could not open the saved path, then the open company worked) no longer stands. What a step
  // asked of the partner in this session (choose an account) still does.
  if (finished) {
    await sendSql(
      em,
      `update connection set status = case when status in ('error', 'pending') then 'connected' else status end,
         last_error_code = case when last_error_message = ? then null else last_error_code end,
         last_error_message = case when last_error_message = ? then null else last_error_message end
       where id = ?`,
      [finished.recoveredFrom, finished.recoveredFrom, connectionId],
    );
  }
}
