import PgBoss from 'pg-boss';
import type { Logger } from '../runtime/logger';
import type { Database } from '../store/open-database';
import { reachesEmbeddedSocket } from '../store/private-socket-dir';
import { JobEngineDb } from './job-engine-db';

export interface JobEngineParts {
  readonly database: Database;
  /** How often one instance runs pg-boss's maintenance (which expires jobs of dead instances). */
  readonly maintenanceSeconds: number;
  readonly logger: Logger;
}

/**
 * The service's one pg-boss (ADR 0012), in its own database (schema `pgboss`), shared by every
 * kind of job: server-driven syncs and webhook deliveries. It starts when the first user asks for
 * it and stops once, after its users have stopped theirs.
 */
export class JobEngine {
  private starting?: Promise<PgBoss>;
  private db?: JobEngineDb;

  constructor(private readonly parts: JobEngineParts) {}

  /** The running engine, started (creating or migrating its schema) on the first call. */
  start(): Promise<PgBoss> {
    this.starting ??= this.open();
    return this.starting;
  }

  /** Lets running jobs end (at most 15 s), then closes the engine's pool. Safe to call when never started. */
  async stop(): Promise<void> {
    const starting = this.starting;
    if (!starting) return;
    this.starting = undefined;
    const boss = await starting.catch(() => undefined);
    await boss?.stop({ graceful: true, wait: true, timeout: 15_000 });
    // After pg-boss has told its workers to stop: their last fetches settle, then the pool ends.
    await this.db?.close(15_000);
    this.db = undefined;
  }

  private async open(): Promise<PgBoss> {
    const { database, logger, maintenanceSeconds } = this.parts;
    const db = new JobEngineDb(database.url, database.mode === 'embedded' || reachesEmbeddedSocket(database.url) ? 1 : 4);
    this.db = db;
    // pg-boss only monitors the clock and cron when scheduling is on; the sync tick needs cron.
    const boss = new PgBoss({ db, maintenanceIntervalSeconds: maintenanceSeconds, schedule: true });
    boss.on('error', (error: Error) => logger.warn('job engine error', { detail: error.message }));
    await boss.start();
    return boss;
  }
}
