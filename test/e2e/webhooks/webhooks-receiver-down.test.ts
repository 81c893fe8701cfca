import { expect } from 'chai';
import { TestClock, connectedCompany } from '../../support/connected-company';
import { PartnerApi } from '../../support/partner-api';
import { WebhookReceiver } from '../../support/webhook-receiver';
import { DeliveryView, deliveriesOf, expectOncePerIdInOrder, registerReceiver, settled, useWebhookService } from './webhook-kit';

/**
 * Lets the service's clock run to `until`, stopping at each attempt the service planned (the
 * first pending delivery's next attempt) until that attempt is made: time passes as it would,
 * without the test guessing when the pump looks.
 */
async function passTimeTo(clock: TestClock, api: PartnerApi, webhookId: string, until: number): Promise<void> {
  for (;;) {
    const head = (await deliveriesOf(api, webhookId)).find((d) => d.state === 'pending');
    const due = head?.nextAttemptAt ? Date.parse(head.nextAttemptAt) : Infinity;
    if (!head || due > until || !(await webhook(api, webhookId)).enabled) break;
    clock.now = Math.max(clock.now, due);
    await attempted(api, webhookId, head);
  }
  clock.now = until;
}

/** Waits until the delivery's attempt is made and recorded. */
async function attempted(api: PartnerApi, webhookId: string, before: DeliveryView): Promise<void> {
  for (;;) {
    const now = (await deliveriesOf(api, webhookId)).find((d) => d.id === before.id);
    if (!now || (now.attempts > before.attempts && now.nextAttemptAt !== before.nextAttemptAt) || now.state !== 'pending') return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the receiver has seen `count` requests in all. */
async function arrivals(receiver: WebhookReceiver, count: number): Promise<void> {
  while (receiver.arrivals.length < count) await new Promise((r) => setTimeout(r, 50));
}

const HOUR = 3_600_000;

describe('Webhooks while the receiver is down (simulated time)', function () {
  this.timeout(120_000);
  const suite = useWebhookService();
  const { clock, service } = suite;

  it('a receiver down for an hour gets everything, in order, once it is back: retries follow the schedule, the rest waits behind the first', async () => {
    const { receiver } = suite;
    const api = await PartnerApi.createPartner(service.current.url, 'Down');
    const webhookId = await registerReceiver(api, receiver);
    receiver.down = true;
    const { connector } = await connectedCompany(service.current, clock, { seed: 7, customers: 4, invoices: 6, years: 1 }, { api });
    await connector.runSession();
    // The first delivery is tried at once and fails; nothing behind it is tried before it succeeds.
    await arrivals(receiver, 1);
    const start = clock.now;
    await passTimeTo(clock, api, webhookId, start + HOUR);
    // Tried at once, after 5 s, 5 min 5 s and 35 min 5 s: four attempts in the hour, all of the first event.
    const during = await deliveriesOf(api, webhookId);
    expect(new Set(receiver.arrivals)).to.have.length(1);
    expect(receiver.arrivals, receiver.answered.join(', ')).to.have.length(4);
    expect(during[0]).to.deep.include({ state: 'pending', attempts: 4, lastStatus: 503 });
    expect(during.slice(1).every((d: DeliveryView) => d.attempts === 0)).to.equal(true);
    receiver.down = false;
    // The next try is 2 h after the fourth (2 h 35 min 5 s after the first): then the whole queue flows.
    await passTimeTo(clock, api, webhookId, start + 3 * HOUR);
    const after = await settled(api, webhookId);
    expect(after.every((d) => d.state === 'delivered')).to.equal(true);
    expect(receiver.received).to.have.length(after.length);
    expectOncePerIdInOrder(receiver, after);
  });

  it('a receiver failing for five days is disabled with an event to the other webhooks; enabled again, it gets what waited', async () => {
    const { receiver } = suite;
    const api = await PartnerApi.createPartner(service.current.url, 'Gone quiet');
    const broken = await registerReceiver(api, receiver);
    const watcher = await WebhookReceiver.start();
    try {
      const watching = await registerReceiver(api, watcher, ['webhook.disabled']);
      receiver.down = true;
      // An event a day, each failing: the first is given up after ten attempts over ~75.5 h, the
      // next waits behind it, and on day five of unbroken failures the endpoint is disabled.
      const start = clock.now;
      let sent = 0;
      for (let day = 1; day <= 6 && (await webhook(api, broken)).enabled; day++) {
        expect((await api.call('POST', `/api/webhooks/${broken}/test`)).status).to.equal(202);
        sent++;
        await passTimeTo(clock, api, broken, start + day * 24 * HOUR);
      }
      const disabled = await webhook(api, broken);
      expect(disabled).to.deep.include({ enabled: false });
      expect(disabled.disabledReason).to.match(/failed for 5 days/);
      const notice = await settled(api, watching);
      expect(watcher.ofType('webhook.disabled').map((e) => e.data.id)).to.deep.equal([broken]);
      expect(notice).to.have.length(1);
      const [given] = await deliveriesOf(api, broken);
      expect(given).to.deep.include({ state: 'failed', attempts: 10 });
      receiver.down = false;
      expect((await api.call('PATCH', `/api/webhooks/${broken}`, { enabled: true })).status).to.equal(200);
      expect((await api.call('POST', `/api/webhooks/${broken}/deliveries/${given!.id}/retry`)).status).to.equal(202);
      const after = await settled(api, broken);
      expect(after.map((d) => d.state)).to.deep.equal(after.map(() => 'delivered'));
      expect(receiver.ofType('webhook.test')).to.have.length(sent);
      expect(sent).to.equal(6);
    } finally {
      await watcher.stop();
    }
  });
});

async function webhook(api: PartnerApi, id: string): Promise<{ enabled: boolean; disabledReason: string | null }> {
  const list = (await api.call('GET', '/api/webhooks')).body.items as { id: string; enabled: boolean; disabledReason: string | null }[];
  return list.find((w) => w.id === id)!;
}
