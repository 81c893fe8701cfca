import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { DEFAULT_SYNC_JOB_SETTINGS, SyncJobSettings } from '../../../../../core/jobs/sync-job-settings';
import { Database, openDatabase } from '../../../../../core/store/open-database';
import { sendSql } from '../../../../../core/store/send-sql';
import { FreshDatabase, freshDatabaseUrl } from '../../../../support/fresh-database-url';

/** Short expiries so that re-runs happen within a test; the product's defaults are longer, the path the same. */
export const SHORT: SyncJobSettings = {
  ...DEFAULT_SYNC_JOB_SETTINGS,
  expireSeconds: 5,
  maintenanceSeconds: 1,
  leaseSeconds: 3,
  pollSeconds: 1,
  retryBaseSeconds: 1,
};

/** Synced a minute ago: not due, so the engines' own minute tick never adds an interval sync to a test about requests. */
export const RECENT = { syncedMinutesAgo: 1, intervalMinutes: 5 };

export interface JobsDatabase {
  readonly database: Database;
  em(): EntityManager;
  /** A partner's connection; `syncedMinutesAgo` undefined leaves last_sync_at null. */
  connection(system: string, options?: { status?: string; syncedMinutesAgo?: number; intervalMinutes?: number }): Promise<string>;
  close(): Promise<void>;
}

/** The database tier: DATABASE_URL's server (a fresh database) or an embedded one in memory. */
export async function openJobsDatabase(): Promise<JobsDatabase> {
  const fresh: FreshDatabase = await freshDatabaseUrl();
  const database = await openDatabase({ url: fresh.url });
  const em = () => database.orm.em.fork() as unknown as EntityManager;
  const partnerId = randomUUID();
  await sendSql(em(), `insert into partner (id, name, api_key_hash) values (?, 'Jobs', ?)`, [partnerId, randomUUID()]);
  return {
    database,
    em,
    async connection(system, options = {}) {
      const id = randomUUID();
      await sendSql(
        em(),
        `insert into connection (id, partner_id, system, company_name, status, sync_interval_minutes, last_sync_at)
         values (?, ?, ?, 'Books', ?, ?, case when ?::float8 is null then null else now() - make_interval(secs => ?::float8 * 60) end)`,
        [
          id,
          partnerId,
          system,
          options.status ?? 'connected',
          options.intervalMinutes ?? 5,
          options.syncedMinutesAgo ?? null,
          options.syncedMinutesAgo ?? null,
        ],
      );
      return id;
    },
    async close() {
      await database.close();
      await fresh.drop();
    },
  };
}

/** Waits until `check` holds; the test's own timeout bounds it. */
export async function eventually(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 50));
}
