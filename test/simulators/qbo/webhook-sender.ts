import { createHmac } from 'node:crypto';
import { QboClock } from './qbo-clock';
import { ChangeEvent } from './qbo-records';

export interface WebhookEntity {
  readonly name: string;
  readonly id: string;
  readonly operation: string;
  readonly lastUpdated?: string;
  readonly deletedId?: string;
}

export interface WebhookDelivery {
  readonly realmId: string;
  readonly body: string;
  readonly signature: string;
  readonly forged: boolean;
  /** The receiver's HTTP status, or 0 when it could not be reached. */
  status: number;
}

/**
 * Legacy `eventNotifications` webhooks (../shared/reference/qbo-api.md §9.2) signed with
 * `intuit-signature` = base64(HMAC-SHA256(verifier token, raw body)) (§9.4). Changes made in the
 * same tick are sent together, one notification per realm. Retries of unacknowledged
 * notifications (§9.1) are not simulated: each delivery is attempted once and recorded.
 */
export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  private pending = new Map<string, ChangeEvent[]>();
  private inFlight = new Set<Promise<void>>();
  private flushScheduled = false;

  constructor(
    private readonly clock: QboClock,
    private readonly verifierToken: string,
    private readonly url: string | undefined,
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

  /** Sends one notification now; `forged` signs it with the wrong key, as an attacker would. */
  send(realmId: string, entities: readonly WebhookEntity[], options: { forged?: boolean; url?: string } = {}): Promise<WebhookDelivery> {
    const url = options.url ?? this.url;
    const body = JSON.stringify({
      eventNotifications: [
        { realmId, dataChangeEvent: { entities: entities.map((e) => ({ ...e, lastUpdated: e.lastUpdated ?? this.legacyTime(this.clock.now()) })) } },
      ],
    });
    const key = options.forged ? `${this.verifierToken}-forged` : this.verifierToken;
    const signature = createHmac('sha256', key).update(body, 'utf8').digest('base64');
    const delivery: WebhookDelivery = { realmId, body, signature, forged: options.forged === true, status: 0 };
    this.deliveries.push(delivery);
    if (!url) return Promise.resolve(delivery);
    const attempt = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'intuit-signature': signature },
      body,
      signal: AbortSignal.timeout(3000),
    })
      .then(async (res) => {
        delivery.status = res.status;
        await res.arrayBuffer();
      })
      .catch(() => undefined);
    this.inFlight.add(attempt);
    void attempt.finally(() => this.inFlight.delete(attempt));
    return attempt.then(() => delivery);
  }

  /** Resolves when every queued or sending notification is done (tests await it). */
  async idle(): Promise<void> {
    while (this.flushScheduled || this.inFlight.size) {
      if (this.flushScheduled) await new Promise((resolve) => setImmediate(resolve));
      await Promise.all([...this.inFlight]);
    }
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

  /** `2015-10-05T14:42:19-0700`, as the legacy payload writes it. */
  private legacyTime(at: Date): string {
    return this.clock.stamp(at).replace(/([+-]\d{2}):(\d{2})$/, '$1$2');
  }
}
