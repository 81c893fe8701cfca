import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import type { JobEngine } from '../../jobs/job-engine';
import type { Logger } from '../../runtime/logger';
import type { Database } from '../../store/open-database';
import type { WebhookSender } from '../outbound/webhook-sender';
import { deliverStream } from './deliver-stream';
import { dueStreams } from './stream-head';
import type { StreamKey } from './stream-lease';
import { purgeSettledWebhooks } from './webhook-retention';

const STREAM_QUEUE = 'webhook-stream';
const RETENTION_QUEUE = 'webhook-retention';
/** Once a day, at an hour of little traffic; pg-boss runs a schedule once across instances. */
const RETENTION_CRON = '17 3 * * *';

export interface WebhookDeliveryParts {
  readonly database: Database;
  readonly jobs: JobEngine;
  readonly sender: WebhookSender;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly userAgent: string;
  /** How often this instance looks for streams with a delivery due. */
  readonly pumpMs?: number;
  /** Streams sent at once by this instance. */
  readonly concurrency?: number;
}

/**
 * Webhook deliveries on the service's job engine (ADR 0014), on every instance: a pump looks
 * for streams (one endpoint, one connection) whose oldest pending delivery is due by the
 * service's clock, and queues one job per stream (the queue keeps one waiting per stream); any
 * instance's worker runs it, sending that stream's deliveries in order. Nothing is lost when an
 * instance dies: the deliveries are rows, and a dead worker's claim lapses after its lease.
 */
export class WebhookDeliveryEngine {
  private boss?: PgBoss;
  private workers: string[] = [];
  private timer?: NodeJS.Timeout;
  private pumping?: Promise<unknown>;
  private stopped = false;
  /** Tells this instance's stream holders apart from another's. */
  private readonly instanceId = randomUUID();

  constructor(private readonly parts: WebhookDeliveryParts) {}

  async start(): Promise<void> {
    const boss = await this.parts.jobs.start();
    // Retries are the schedule's, kept in the delivery rows; an expired job (its instance died) is simply queued again by a pump.
    await boss.createQueue(STREAM_QUEUE, { name: STREAM_QUEUE, policy: 'short', expireInSeconds: 90, retryLimit: 0 });
    for (let i = 0; i < (this.parts.concurrency ?? 8); i++) {
      this.workers.push(await boss.work<StreamKey>(STREAM_QUEUE, { pollingIntervalSeconds: 2, batchSize: 1 }, async ([job]) => this.run(job!.data, job!.id)));
    }
    await boss.createQueue(RETENTION_QUEUE, { name: RETENTION_QUEUE, policy: 'short', expireInSeconds: 600, retryLimit: 1 });
    await boss.schedule(RETENTION_QUEUE, RETENTION_CRON);
    await boss.work(RETENTION_QUEUE, async () => void (await purgeSettledWebhooks(this.em(), this.parts.clock())));
    this.boss = boss;
    this.schedulePump();
  }

  /** Stops the pump; running deliveries end while the job engine stops, then `close()` drops kept-alive sockets. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pumping;
    this.boss = undefined;
  }

  close(): void {
    this.parts.sender.close();
  }

  /** Queues a job for every stream with a delivery due now, and wakes this instance's workers. */
  async pumpOnce(): Promise<number> {
    const boss = this.boss;
    if (!boss) return 0;
    const due = await dueStreams(this.em(), this.parts.clock(), 500);
    if (due.length === 0) return 0;
    await boss.insert(due.map((key) => ({ name: STREAM_QUEUE, data: key, singletonKey: `${key.endpointId}/${key.stream}` })));
    for (const id of this.workers) boss.notifyWorker(id);
    return due.length;
  }

  private schedulePump(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pumping = this.pumpOnce()
        .catch((error: unknown) => this.parts.logger.warn('webhook pump failed', { detail: error instanceof Error ? error.message : String(error) }))
        .finally(() => this.schedulePump());
    }, this.parts.pumpMs ?? 250);
    this.timer.unref();
  }

  private async run(key: StreamKey, jobId: string): Promise<void> {
    await deliverStream(key, {
      holder: `${this.instanceId}/${jobId}`,
      em: () => this.em(),
      sender: this.parts.sender,
      clock: this.parts.clock,
      logger: this.parts.logger,
      userAgent: this.parts.userAgent,
      leaseSeconds: 30,
      runSize: 50,
      maxMs: 10_000,
    });
  }

  private em(): EntityManager {
    return this.parts.database.orm.em.fork() as unknown as EntityManager;
  }
}
