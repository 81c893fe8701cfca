import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../../../core/store/send-sql';
import type { SqlStatement } from '../../../core/store/send-together';
import { arrayLiteral } from '../../../core/store/insert-rows';

/** Failures from one address counted in a window; one statement, so instances never lose a count. */
export async function countFailureFrom(
  em: EntityManager,
  source: string,
  now: Date,
  windowSeconds: number,
): Promise<{ failures: number; windowStartedAt: Date }> {
  const [row] = await sendSql<{ failures: number; window_started_at: Date | string }[]>(
    em,
    `insert into qbwc_signin_throttle (source, window_started_at, failures) values (?, ?, 1)
     on conflict (source) do update set
       failures = case when qbwc_signin_throttle.window_started_at <= excluded.window_started_at - make_interval(secs => ?) then 1 else qbwc_signin_throttle.failures + 1 end,
       window_started_at = case when qbwc_signin_throttle.window_started_at <= excluded.window_started_at - make_interval(secs => ?) then excluded.window_started_at else qbwc_signin_throttle.window_started_at end
     returning failures, window_started_at`,
    [source, now, windowSeconds, windowSeconds],
  );
  return { failures: row.failures, windowStartedAt: new Date(row.window_started_at) };
}

/** A wrong password for a known user: what the partner sees (how many, when, from where). */
export async function recordRefusal(em: EntityManager, installId: string, source: string, now: Date): Promise<void> {
  await sendSql(em, 'update qbwc_install set refused_count = refused_count + 1, last_refused_at = ?, last_refused_from = ? where id = ?', [
    now,
    source,
    installId,
  ]);
}

/**
 * The record of a good sign-in on its install, for the caller to send with its own first write;
 * a hash of the old scheme is replaced by the current one in the same statement.
 */
export function signInRecord(installId: string, now: Date, newHash?: string): SqlStatement {
  return {
    sql: 'update qbwc_install set last_signed_in_at = ?, password_hash = coalesce(?, password_hash) where id = ?',
    params: [now, newHash ?? null, installId],
  };
}

/** What the partner sees of a connection's sign-ins, over all its installs. */
export interface SignInSummary {
  readonly refused: number;
  readonly lastRefusedAt: Date | null;
  readonly lastRefusedFrom: string | null;
  readonly lastSignedInAt: Date | null;
}

/** Sign-in summaries of several connections in one query (lists show them all). */
export async function signInSummaries(em: EntityManager, connectionIds: readonly string[]): Promise<Map<string, SignInSummary>> {
  if (connectionIds.length === 0) return new Map();
  const rows = await sendSql<
    {
      connection_id: string;
      refused: number;
      last_refused_at: Date | string | null;
      last_refused_from: string | null;
      last_signed_in_at: Date | string | null;
    }[]
  >(
    em,
    `select connection_id, sum(refused_count)::int as refused, max(last_refused_at) as last_refused_at, max(last_signed_in_at) as last_signed_in_at,
       (array_agg(last_refused_from order by last_refused_at desc nulls last))[1] as last_refused_from
     from qbwc_install where connection_id = any(?::uuid[]) group by connection_id`,
    [arrayLiteral(connectionIds)],
  );
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return new Map(
    rows.map((r) => [
      r.connection_id,
      { refused: r.refused, lastRefusedAt: date(r.last_refused_at), lastRefusedFrom: r.last_refused_from, lastSignedInAt: date(r.last_signed_in_at) },
    ]),
  );
}
