import { expect } from 'chai';
import { TestClock } from '../../support/connected-company';
import type { PartnerApi } from '../../support/partner-api';
import { useTestService } from '../../support/use-test-service';
import { WebhookReceiver } from '../../support/webhook-receiver';

/** For a describe: a service on a clock the test moves, allowed to reach 127.0.0.1, and a fresh receiver for each test. */
export function useWebhookService() {
  const clock = new TestClock(Date.parse('2026-11-25T15:00:00Z'));
  const service = useTestService({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1,localhost' }, clock.read);
  const holder: { receiver?: WebhookReceiver } = {};
  beforeEach(async () => (holder.receiver = await WebhookReceiver.start()));
  afterEach(async () => holder.receiver?.stop());
  return {
    clock,
    service,
    get receiver(): WebhookReceiver {
      return holder.receiver!;
    },
  };
}

export interface DeliveryView {
  readonly id: string;
  readonly eventId: string;
  readonly type: string;
  readonly connectionId: string | null;
  readonly state: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly nextAttemptAt: string | null;
}

/** Registers the receiver as a webhook of the partner (all events unless told), as the partner would: through the API. */
export async function registerReceiver(api: PartnerApi, receiver: WebhookReceiver, events?: string[]): Promise<string> {
  const created = await api.call('POST', '/api/webhooks', { url: receiver.url, ...(events ? { events } : {}) });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  expect(created.body.secret).to.match(/^whsec_/);
  receiver.secret = created.body.secret as string;
  return created.body.id as string;
}

/** Every delivery of a webhook, oldest first, following the API's pages. */
export async function deliveriesOf(api: PartnerApi, webhookId: string): Promise<DeliveryView[]> {
  const items: DeliveryView[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: DeliveryView[]; nextCursor: string | null } } = await api.call(
      'GET',
      `/api/webhooks/${webhookId}/deliveries?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items.reverse();
}

/** Waits until no delivery of the webhook is pending (the test's timeout bounds it). */
export async function settled(api: PartnerApi, webhookId: string): Promise<DeliveryView[]> {
  for (;;) {
    const all = await deliveriesOf(api, webhookId);
    if (all.length > 0 && all.every((d) => d.state !== 'pending')) return all;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The receiver got every delivered event once by webhook id (nothing refused its signature),
 * and, per connection, in the order the events were written (the deliveries' order).
 */
export function expectOncePerIdInOrder(receiver: WebhookReceiver, deliveries: readonly DeliveryView[]): void {
  expect(receiver.rejected, 'signatures the standardwebhooks package refused').to.deep.equal([]);
  const delivered = deliveries.filter((d) => d.state === 'delivered');
  expect(receiver.uniqueIds()).to.have.members(delivered.map((d) => d.eventId));
  for (const connection of new Set(delivered.map((d) => d.connectionId))) {
    const written = delivered.filter((d) => d.connectionId === connection).map((d) => d.eventId);
    const arrived = receiver.uniqueIds().filter((id) => written.includes(id));
    expect(arrived, `order of connection ${connection}`).to.deep.equal(written);
  }
}
