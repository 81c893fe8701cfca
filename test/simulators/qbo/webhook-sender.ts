import { QboClock } from './qbo-clock';
import { ChangeEvent } from './qbo-records';
import { WebhookEntity, WebhookFormat, webhookBody, webhookSignature } from './webhook-payloads';

export type { WebhookEntity, WebhookFormat };

/** One POST of a notification (a retry is another delivery of the same body). */
export interface WebhookDelivery {
  readonly realmId: string;
  readonly body: string;
  readonly signature: string;
  readonly forged: boolean;
  /** 1 for the first try, 2 for the first retry… */
  readonly attempt: number;
  /** The receiver's HTTP status, or 0 when it could not be reached in 3 s. */
  status: number;
}

/** After a failed try, the next one waits: 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, then every 6 h (§9.1). */
export const RETRY_DELAYS_MS = [10_000, 20_000, 30_000, 300_000, 1_200_000, 7_200_000, 14_400_000, 21_600_000];

interface Notification {
  readonly realmId: string;
  readonly body: string;
  readonly signature: string;
}
interface RealmQueue {
  chain: Promise<void>;
  /** The notification that failed and its next try; later ones wait behind it (§9.1). */
  failed?: { notification: Notification; attempts: number; dueAt: number };
  held: Notification[];
}

/**
 * Webhooks (../shared/reference/qbo-api.md §9): changes made in the same tick go out together,
 * one notification per realm, one at a time per realm. A notification not answered 2xx within
 * 3 s is retried on the simulated clock's schedule, and later ones are held until it is
 * acknowledged. `pump()` sends what is due (a 1 s timer calls it too).
 */
export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  private pending = new Map<string, ChangeEvent[]>();
  private readonly queues = new Map<string, RealmQueue>();
  private flushScheduled = false;

  constructor(
    private readonly clock: QboClock,
    private readonly verifierToken: string,
    private readonly url: string | undefined,
    public format: WebhookFormat = 'legacy',
  ) {}

  /** A change in a company: queued, then sent with the others of this tick. */
  changed(event: ChangeEvent): void {
    if (!this.url) return;
    const list = this.pending.get(event.realmId) ?? [];
    list.push(event);
    this.pending.set(event.realmId, list);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /**
   * Sends one notification now (behind any held for the realm). `forged` signs it with the wrong
   * key and skips the queue, as an attacker's would; it is never retried.
   */
  async send(
    realmId: string,
    entities: readonly WebhookEntity[],
    options: { forged?: boolean; url?: string; format?: WebhookFormat } = {},
  ): Promise<WebhookDelivery | undefined> {
    const stamped = entities.map((e) => ({ ...e, lastUpdated: e.lastUpdated ?? this.legacyTime(this.clock.now()) }));
    const body = webhookBody(options.format ?? this.format, realmId, stamped);
    const signature = webhookSignature(options.forged ? `${this.verifierToken}-forged` : this.verifierToken, body);
    const notification = { realmId, body, signature };
    const url = options.url ?? this.url;
    if (options.forged || options.url) return this.post(notification, url, 1, options.forged === true);
    const queue = this.queue(realmId);
    const before = this.deliveries.length;
    queue.chain = queue.chain.then(() => this.deliverInOrder(queue, notification));
    await queue.chain;
    return this.deliveries.slice(before).find((d) => d.body === body);
  }

  /** Retries what is due on the simulated clock, then what was held behind it. */
  async pump(): Promise<void> {
    const now = this.clock.now().getTime();
    for (const queue of this.queues.values()) {
      if (!queue.failed || queue.failed.dueAt > now) continue;
      const failed = queue.failed;
      queue.chain = queue.chain.then(async () => {
        if (queue.failed !== failed) return;
        const delivery = await this.post(failed.notification, this.url, failed.attempts + 1, false);
        if (!ok(delivery.status)) {
          const delay = RETRY_DELAYS_MS[Math.min(failed.attempts, RETRY_DELAYS_MS.length - 1)];
          queue.failed = { ...failed, attempts: failed.attempts + 1, dueAt: this.clock.now().getTime() + delay };
          return;
        }
        queue.failed = undefined;
        while (queue.held.length && !queue.failed) await this.deliverInOrder(queue, queue.held.shift()!);
      });
    }
    await this.idle();
  }

  /** Resolves when every queued or sending notification is done (held ones stay held). */
  async idle(): Promise<void> {
    while (this.flushScheduled) await new Promise((resolve) => setImmediate(resolve));
    let chains: Promise<void>[];
    do {
      chains = [...this.queues.values()].map((q) => q.chain);
      await Promise.all(chains);
    } while ([...this.queues.values()].some((q, i) => q.chain !== chains[i]));
  }

  private async deliverInOrder(queue: RealmQueue, notification: Notification): Promise<void> {
    if (queue.failed) {
      queue.held.push(notification);
      return;
    }
    const delivery = await this.post(notification, this.url, 1, false);
    if (!ok(delivery.status)) queue.failed = { notification, attempts: 1, dueAt: this.clock.now().getTime() + RETRY_DELAYS_MS[0] };
  }

  private async post(notification: Notification, url: string | undefined, attempt: number, forged: boolean): Promise<WebhookDelivery> {
    const delivery: WebhookDelivery = { ...notification, forged, attempt, status: 0 };
    this.deliveries.push(delivery);
    if (!url) return delivery;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'intuit-signature': notification.signature },
        body: notification.body,
        signal: AbortSignal.timeout(3000),
      });
      delivery.status = res.status;
      await res.arrayBuffer();
    } catch {
      delivery.status = 0;
    }
    return delivery;
  }

  private queue(realmId: string): RealmQueue {
    let queue = this.queues.get(realmId);
    if (!queue) this.queues.set(realmId, (queue = { chain: Promise.resolve(), held: [] }));
    return queue;
  }

  private flush(): void {
    this.flushScheduled = false;
    const batches = this.pending;
    this.pending = new Map();
    for (const [realmId, events] of batches) {
      void this.send(
        realmId,
        events.map((e) => ({ name: e.name, id: e.id, operation: e.operation, lastUpdated: this.legacyTime(e.at) })),
      );
    }
  }

  private legacyTime(at: Date): string {
    return this.clock.stamp(at).replace(/([+-]\d{2}):(\d{2})$/, '$1$2');
  }
}

function ok(status: number): boolean {
  return status >= 200 && status < 300;
}
