import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../../../core/store/send-sql';
import type { SqlStatement } from '../../../core/store/send-together';

/** A session's counts without its bookkeeping (requests made, whether the open company was tried). */
export function partnerCounts(summary: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(summary).filter(([k, v]) => k !== 'requests' && k !== 'retriedOpenCompany' && v > 0));
}

/**
 * Shows a session's progress on its connection: its percent, phase and counts, and, for a call that
 * carried QuickBooks' answer, when it answered; a finished session sets the last sync and clears
 * what it got past.
 */
export async function showProgress(em: EntityManager, ...args: Parameters<typeof progressUpdate>): Promise<void> {
  const statement = progressUpdate(...args);
  await sendSql(em, statement.sql, statement.params);
}

/** The statement showProgress sends, for a caller that sends it with others (sendTogether). */
export function progressUpdate(
  connectionId: string,
  now: Date,
  progress: { percent: number; phase: string; counts: Record<string, number>; answeredAt?: Date },
  finished?: { fullSync: boolean; recoveredFrom: string | null },
): SqlStatement {
  // One statement, no read: this runs on every call of a session. A session that went to the end
  // proves the connection works: a failure it got past (QuickBooks could not open the saved path,
  // then the open company worked) no longer stands. What a step asked of the partner in this
  // session (choose an account) still does. Every SET reads the row as it was.
  return {
    sql: `update connection set progress_percent = ?, progress_phase = ?, progress_counts = ?::jsonb, updated_at = ?,
       last_answered_at = coalesce(?::timestamptz, last_answered_at),
       last_sync_at = case when ?::boolean then ?::timestamptz else last_sync_at end,
       full_sync_requested_at = case when ?::boolean then null else full_sync_requested_at end,
       status = case when ?::boolean and status in ('error', 'pending') then 'connected' else status end,
       last_error_code = case when ?::boolean and last_error_message = ? then null else last_error_code end,
       last_error_message = case when ?::boolean and last_error_message = ? then null else last_error_message end
     where id = ?`,
    params: [
      progress.percent,
      progress.phase,
      JSON.stringify(progress.counts),
      now,
      progress.answeredAt ?? null,
      Boolean(finished),
      now,
      finished?.fullSync === true,
      Boolean(finished),
      Boolean(finished),
      finished?.recoveredFrom ?? null,
      Boolean(finished),
      finished?.recoveredFrom ?? null,
      connectionId,
    ],
  };
}
