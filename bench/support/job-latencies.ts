import type { QboInstances } from '../../test/support/qbo-instances';
import { percentile } from './bench-service';

interface JobRow {
  readonly name: string;
  readonly reason: string | null;
  readonly state: string;
  readonly ready_ms: number;
  readonly late_ms: number;
}

const line = (ms: number[]) =>
  ms.length ? `p50 ${(percentile(ms, 50) / 1000).toFixed(2)} s, p99 ${(percentile(ms, 99) / 1000).toFixed(2)} s (n=${ms.length})` : 'none';

/**
 * What the job engine's own rows say (pg-boss 10 keeps finished jobs in `pgboss.job` until it
 * archives them, hours later; `pgboss.archive` is read too): for sync jobs, how long a job ready
 * to run (`start_after`, or its creation if later) waited for a worker; for the interval tick,
 * how far past its minute it started (pg-boss evaluates cron every 30 s or so, and polls after).
 * A job retried after it expired counts once, by its last start.
 */
export async function jobLatencies(pair: QboInstances, fromMs: number, toMs: number): Promise<{ queue: string; tick: string }> {
  const rows = await pair.query<JobRow>(
    `select name, data->>'reason' as reason, state,
            extract(epoch from started_on - greatest(created_on, start_after))::float8 * 1000 as ready_ms,
            extract(epoch from started_on - date_trunc('minute', created_on))::float8 * 1000 as late_ms
       from (select name, data, state, created_on, start_after, started_on from pgboss.job
             union all select name, data, state, created_on, start_after, started_on from pgboss.archive) jobs
      where name in ('connection-sync', 'connection-sync-tick') and started_on is not null
        and created_on >= to_timestamp($1::float8 / 1000) and created_on < to_timestamp($2::float8 / 1000)`,
    [fromMs, toMs],
  );
  const sync = rows.filter((r) => r.name === 'connection-sync');
  const byReason = (reason: string) => sync.filter((r) => r.reason === reason).map((r) => r.ready_ms);
  const states = Object.entries(sync.reduce<Record<string, number>>((n, r) => ({ ...n, [r.state]: (n[r.state] ?? 0) + 1 }), {}))
    .map(([state, n]) => `${state} ${n}`)
    .join(', ');
  return {
    queue: `interval jobs ${line(byReason('interval'))}; all ${line(sync.map((r) => r.ready_ms))}; states: ${states}`,
    tick: line(rows.filter((r) => r.name === 'connection-sync-tick').map((r) => r.late_ms)),
  };
}
