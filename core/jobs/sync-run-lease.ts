import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../store/send-sql';

type Em = EntityManager;

/** Who holds a connection's run when we could not take it. */
export interface LeaseHolder {
  readonly jobId: string;
  /** Seconds until the holder's lease lapses unless renewed. */
  readonly secondsLeft: number;
}

/**
 * The one run of a connection's sync, across instances: a row per connection whose holder
 * renews it while the sync runs. A dead instance's lease lapses by itself. Times are the
 * database's own (`now()`), not the service clock: they measure processes' lives, and every
 * instance must agree. (Advisory locks would not do: the embedded database has one session.)
 * The last run's job id stays after release, so that the engine re-running a job that already
 * ran to its end (it expired just before finishing) is told `done` instead of syncing again.
 */
export async function takeLease(em: Em, connectionId: string, holder: string, jobId: string, ttlSeconds: number): Promise<'taken' | 'done' | LeaseHolder> {
  const taken = await sendSql<unknown[]>(
    em,
    `insert into connection_sync_run (connection_id, holder, job_id, expires_at) values (?, ?, ?, now() + make_interval(secs => ?))
     on conflict (connection_id) do update set holder = excluded.holder, job_id = excluded.job_id, expires_at = excluded.expires_at
     where (connection_sync_run.holder is null and connection_sync_run.job_id is distinct from excluded.job_id)
        or connection_sync_run.expires_at < now()
     returning connection_id`,
    [connectionId, holder, jobId, ttlSeconds],
  );
  if (taken.length === 1) return 'taken';
  return lookAtLease(em, connectionId, jobId);
}

/**
 * Who holds the lease we could not take. Released with our own job id: this very job ran to
 * its end. Released with another's: that run ended between our try and this look, so nobody
 * holds it now; told as a holder with no time left, so that the caller comes back at once
 * (taking it for 'done' dropped a request made during that run).
 */
export async function lookAtLease(em: Em, connectionId: string, jobId: string): Promise<'done' | LeaseHolder> {
  const [row] = await sendSql<{ holder: string | null; job_id: string | null; seconds_left: number | null }[]>(
    em,
    'select holder, job_id, extract(epoch from expires_at - now())::float8 as seconds_left from connection_sync_run where connection_id = ?',
    [connectionId],
  );
  if (row && row.holder === null && row.job_id === jobId) return 'done';
  return { jobId: row?.job_id ?? '', secondsLeft: Math.max(0, row?.seconds_left ?? 0) };
}

/** Extends our lease; false when it is no longer ours (it lapsed and another run took it). */
export async function renewLease(em: Em, connectionId: string, holder: string, ttlSeconds: number): Promise<boolean> {
  const rows = await sendSql<unknown[]>(
    em,
    'update connection_sync_run set expires_at = now() + make_interval(secs => ?) where connection_id = ? and holder = ? returning connection_id',
    [ttlSeconds, connectionId, holder],
  );
  return rows.length === 1;
}

/** Ends our run; `failedAt` set records a failure the interval tick waits out, null clears it. */
export async function releaseLease(em: Em, connectionId: string, holder: string, failedAt: Date | null): Promise<void> {
  await sendSql(em, 'update connection_sync_run set holder = null, expires_at = null, failed_at = ? where connection_id = ? and holder = ?', [
    failedAt,
    connectionId,
    holder,
  ]);
}

/** The job whose run holds the connection's lease (live, or lapsed as its instance died); null once released. */
export async function leaseJob(em: Em, connectionId: string): Promise<string | null> {
  const [row] = await sendSql<{ job_id: string | null }[]>(em, 'select job_id from connection_sync_run where connection_id = ? and holder is not null', [
    connectionId,
  ]);
  return row?.job_id ?? null;
}
