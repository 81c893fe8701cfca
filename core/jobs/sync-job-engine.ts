import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { AppError } from '../errors/app-error';
import type { Logger } from '../runtime/logger';
import type { Database } from '../store/open-database';
import { sendSql } from '../store/send-sql';
import type { ConnectionSyncJobs } from './connection-sync-jobs';
import { JobEngine } from './job-engine';
import { dueConnections } from './due-connections';
import { runSyncJob, SyncJobData } from './run-sync-job';
import type { ServerDrivenSync, SyncReason } from './server-driven-sync';
import type { SyncJobSettings } from './sync-job-settings';

const SYNC_QUEUE = 'connection-sync';
const TICK_QUEUE = 'connection-sync-tick';
/** pg-boss 10 evaluates cron to the minute (one job per slot across instances); sync intervals are whole minutes. */
const TICK_CRON = '* * * * *';
const TICK_SECONDS = 60;

export interface SyncJobEngineParts {
  readonly database: Database;
  readonly syncs: readonly ServerDrivenSync[];
  readonly settings: SyncJobSettings;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** The service's shared engine; without one (tests of this engine alone) it runs one of its own. */
  readonly engine?: JobEngine;
}

/**
 * Server-driven syncs on pg-boss (ADR 0012), in the service's own database: a sync job per
 * connection (one waiting at most: the queue's `short` policy keyed by connection), the interval
 * tick as a pg-boss schedule, and a lease row around each run so that a job the engine re-runs
 * (it expired while its instance died, or while it still ran) never runs beside its twin.
 * With no ServerDrivenSync bound it adds nothing to the job engine.
 */
export class SyncJobEngine implements ConnectionSyncJobs {
  private boss?: PgBoss;
  private readonly engine: JobEngine;
  private readonly ownsEngine: boolean;
  private readonly syncs: ReadonlyMap<string, ServerDrivenSync>;
  private readonly stopping = new AbortController();
  /** Tells this instance's runs apart from another's in the lease rows. */
  readonly instanceId = randomUUID();

  constructor(private readonly parts: SyncJobEngineParts) {
    const bySystem = new Map<string, ServerDrivenSync>();
    for (const sync of parts.syncs) {
      if (bySystem.has(sync.system)) throw new AppError('internal', `Two server-driven syncs are bound for system ${sync.system}.`);
      bySystem.set(sync.system, sync);
    }
    this.syncs = bySystem;
    this.ownsEngine = !parts.engine;
    this.engine = parts.engine ?? new JobEngine({ database: parts.database, maintenanceSeconds: parts.settings.maintenanceSeconds, logger: parts.logger });
  }

  /** Starts its queues, workers and the tick on the job engine (starting it when this engine owns it). */
  async start(): Promise<void> {
    if (this.syncs.size === 0) return;
    const { settings, logger } = this.parts;
    const boss = await this.engine.start();
    this.boss = boss;
    // Engine-level retries cover only jobs that expired (an instance died mid-run): runSyncJob handles what syncs throw.
    await boss.createQueue(SYNC_QUEUE, { name: SYNC_QUEUE, policy: 'short', expireInSeconds: settings.expireSeconds, retryLimit: 5, retryDelay: 1 });
    await boss.createQueue(TICK_QUEUE, { name: TICK_QUEUE, policy: 'short', expireInSeconds: 60, retryLimit: 0 });
    await boss.schedule(TICK_QUEUE, TICK_CRON);
    await boss.work(TICK_QUEUE, { pollingIntervalSeconds: settings.pollSeconds }, async () => void (await this.enqueueDue()));
    for (let i = 0; i < settings.concurrency; i++) {
      await boss.work<SyncJobData>(SYNC_QUEUE, { pollingIntervalSeconds: settings.pollSeconds, batchSize: 1 }, async ([job]) => this.run(job));
    }
    logger.info('sync jobs started', { systems: [...this.syncs.keys()], instance: this.instanceId, ...settings });
  }

  /**
   * Aborts running syncs so that they end (releasing their leases). An engine of its own is then
   * stopped here; a shared one is stopped by its owner afterwards (the runs end while it stops).
   */
  async stop(): Promise<void> {
    this.stopping.abort(new AppError('transient', 'The service is stopping.'));
    if (this.ownsEngine) await this.engine.stop();
    this.boss = undefined;
  }

  async request(connectionId: string, reason: SyncReason): Promise<void> {
    const em = this.em();
    const [row] = await sendSql<{ system: string }[]>(em, 'select system from connection where id = ?', [connectionId]);
    if (!row) throw new AppError('not-found', 'No such connection.');
    if (!this.boss || !this.syncs.has(row.system)) throw new AppError('invalid', 'This connection is not synced by the server.', { detail: row.system });
    const sent = await this.enqueue({ connectionId, reason, attempt: 0 }, 0);
    // One is waiting already, maybe backing off after a transient failure: a person asking now means now.
    if (!sent && reason === 'sync-now') await this.expedite(connectionId);
  }

  /** The connection's waiting sync (not a re-run's follow-up, which waits in a slot of its own) starts now. */
  private async expedite(connectionId: string): Promise<void> {
    if (!this.boss) return;
    await this.boss
      .getDb()
      .executeSql(`update pgboss.job set start_after = now() where name = $1 and singleton_key = $2 and state = 'created' and start_after > now()`, [
        SYNC_QUEUE,
        connectionId,
      ]);
  }

  /** The interval tick: queues a sync of every due connection (those waiting already are coalesced). */
  async enqueueDue(): Promise<number> {
    if (!this.boss) return 0;
    const due = await dueConnections(this.em(), [...this.syncs.keys()], this.parts.clock(), TICK_SECONDS);
    if (due.length === 0) return 0;
    const data = (connectionId: string): SyncJobData => ({ connectionId, reason: 'interval', attempt: 0 });
    await this.boss.insert(due.map((id) => ({ name: SYNC_QUEUE, data: data(id), singletonKey: id })));
    return due.length;
  }

  private async run(job: PgBoss.Job<SyncJobData>): Promise<void> {
    const { settings, logger, clock } = this.parts;
    await runSyncJob(job.id, job.data, {
      em: this.em(),
      syncs: this.syncs,
      settings,
      logger,
      clock,
      holder: `${this.instanceId}/${job.id}`,
      stopping: this.stopping.signal,
      later: async (data, afterSeconds) => void (await this.enqueue(data, afterSeconds)),
      expedite: (connectionId) => this.expedite(connectionId),
    });
  }

  /** Queues a sync; false when one was waiting already (coalesced). A re-run's follow-up waits in a
   *  slot of its own, so that it never absorbs a request (it may end up doing nothing). */
  private async enqueue(data: SyncJobData, afterSeconds: number): Promise<boolean> {
    const boss = this.boss;
    if (!boss) return false;
    const singletonKey = data.resumes ? `${data.connectionId}:resume` : data.connectionId;
    // A few tries: the waiting job it met may start between our send and our look.
    for (let attempt = 0; attempt < 3; attempt++) {
      const id = await boss.send(SYNC_QUEUE, data, { singletonKey, startAfter: Math.max(0, Math.ceil(afterSeconds)) });
      if (id !== null) return true;
      if (data.reason === 'interval' || data.resumes || (await makeWaitingARequest(boss, data.connectionId, data.reason))) return false;
    }
    return false;
  }

  private em(): EntityManager {
    return this.parts.database.orm.em.fork() as unknown as EntityManager;
  }
}

/**
 * A request coalesced into a waiting interval sync makes it a request: an interval sync that
 * meets a run is dropped (the run covers it), which would drop the request made during the run
 * with it. False when no sync waits any more (it started meanwhile).
 */
async function makeWaitingARequest(boss: PgBoss, connectionId: string, reason: SyncReason): Promise<boolean> {
  const { rows } = await boss.getDb().executeSql(
    `update pgboss.job set data = case when data->>'reason' = 'interval' then jsonb_set(data, '{reason}', to_jsonb($3::text)) else data end
     where name = $1 and singleton_key = $2 and state = 'created' returning id`,
    [SYNC_QUEUE, connectionId, reason],
  );
  return rows.length > 0;
}
