import { AppError, Problem } from '../errors/app-error';

/**
 * How the sync job engine keeps one sync per connection and recovers from a dead instance
 * (ADR 0012). A killed instance's sync runs again on another instance within about
 * `expireSeconds + maintenanceSeconds + pollSeconds` (its job expires and is retried), and
 * the run itself waits for the dead run's lease, which lapses `leaseSeconds` after its last renewal.
 */
export interface SyncJobSettings {
  /** An active sync job older than this is failed by the engine and retried (pg-boss 10 has no heartbeat). A
   *  sync still running then keeps its lease, so the retried twin does not run beside it. */
  readonly expireSeconds: number;
  /** How often one instance runs the engine's maintenance (which expires jobs). */
  readonly maintenanceSeconds: number;
  /** How long a run's lease lasts without renewal; renewed every third of it while the sync runs. */
  readonly leaseSeconds: number;
  /** How often an idle worker looks for jobs. */
  readonly pollSeconds: number;
  /** Syncs run at once per instance. */
  readonly concurrency: number;
  /** Backoff after a transient failure: `base * 2^(attempt-1)`, capped at `max` (retryAfterSeconds wins when given). */
  readonly retryBaseSeconds: number;
  readonly retryMaxSeconds: number;
}

export const DEFAULT_SYNC_JOB_SETTINGS: SyncJobSettings = Object.freeze({
  expireSeconds: 120,
  maintenanceSeconds: 30,
  leaseSeconds: 60,
  pollSeconds: 2,
  concurrency: 4,
  retryBaseSeconds: 30,
  retryMaxSeconds: 1800,
});

/** Environment variables, as the README's table lists them. */
export const SYNC_JOB_ENV: Record<string, [keyof SyncJobSettings, number, number, string]> = {
  SYNC_JOB_EXPIRE_SECONDS: ['expireSeconds', 5, 3600, 'A running sync job older than this is retried elsewhere (default 120)'],
  SYNC_JOB_MAINTENANCE_SECONDS: ['maintenanceSeconds', 1, 600, 'How often expired sync jobs are looked for (default 30)'],
  SYNC_LEASE_SECONDS: ['leaseSeconds', 3, 3600, "A sync run's lease, renewed every third of it (default 60)"],
  SYNC_POLL_SECONDS: ['pollSeconds', 1, 60, 'How often an idle sync worker looks for jobs (default 2)'],
  SYNC_CONCURRENCY: ['concurrency', 1, 64, 'Server-driven syncs at once per instance (default 4)'],
  SYNC_RETRY_BASE_SECONDS: ['retryBaseSeconds', 1, 3600, 'First wait after a transient sync failure, doubled each time (default 30)'],
  SYNC_RETRY_MAX_SECONDS: ['retryMaxSeconds', 1, 86_400, 'Longest wait between transient retries (default 1800)'],
};

/** Reads the settings once, at boot; every problem in one error. */
export function readSyncJobSettings(env: NodeJS.ProcessEnv): SyncJobSettings {
  const problems: Problem[] = [];
  const settings: Record<string, number> = { ...DEFAULT_SYNC_JOB_SETTINGS };
  for (const [name, [key, min, max]] of Object.entries(SYNC_JOB_ENV)) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    const value = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
    if (!(value >= min && value <= max)) problems.push({ at: name, message: `must be a whole number from ${min} to ${max}` });
    else settings[key] = value;
  }
  if (problems.length > 0) throw AppError.invalid('The sync job settings are wrong:', problems);
  return Object.freeze(settings) as unknown as SyncJobSettings;
}
