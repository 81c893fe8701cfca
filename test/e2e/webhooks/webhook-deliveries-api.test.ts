import { expect } from 'chai';
import { TestClock } from '../../support/connected-company';
import { PartnerApi } from '../../support/partner-api';
import { stubWebhookResolver } from '../../support/stub-webhook-resolver';
import { useTestService } from '../../support/use-test-service';

const LOCAL = 'http://127.0.0.1:9/hook';

// The delivery engine is not part of these tests: deliveries stay as the API left them.
describe('The webhooks API: test events, deliveries, retry and enabling again', function () {
  this.timeout(60_000);
  const clock = new TestClock(new Date('2026-12-02T10:00:00Z').getTime());
  const service = useTestService({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1' }, clock.read, [stubWebhookResolver({})]);
  const partner = (name: string) => PartnerApi.createPartner(service.current.url, name);

  it('sends a test event (202) as one delivery to that endpoint only, even one that does not list webhook.test', async () => {
    const acme = await partner('Testing Co');
    const picky = (await acme.call('POST', '/api/webhooks', { url: LOCAL, events: ['invoice.created'] })).body;
    clock.now += 1000;
    const everything = (await acme.call('POST', '/api/webhooks', { url: `${LOCAL}/all` })).body;
    const sent = await acme.call('POST', `/api/webhooks/${picky.id}/test`);
    expect(sent.status).to.equal(202);
    expect(sent.body.eventId).to.match(/^msg_[0-9a-f]{32}$/);

    const deliveries = await acme.call('GET', `/api/webhooks/${picky.id}/deliveries`);
    expect(deliveries.status).to.equal(200);
    expect(deliveries.body).to.deep.equal({
      items: [
        {
          id: sent.body.deliveryId,
          eventId: sent.body.eventId,
          type: 'webhook.test',
          connectionId: null,
          state: 'pending',
          attempts: 0,
          lastStatus: null,
          lastError: null,
          lastAttemptAt: null,
          nextAttemptAt: '2026-12-02T10:00:01.000Z',
          deliveredAt: null,
          createdAt: '2026-12-02T10:00:01.000Z',
        },
      ],
      nextCursor: null,
    });
    expect((await acme.call('GET', `/api/webhooks/${everything.id}/deliveries`)).body.items).to.deep.equal([]);
    const listed = (await acme.call('GET', '/api/webhooks')).body.items;
    expect(listed.map((w: { stats: unknown }) => w.stats)).to.deep.equal([
      { pending: 1, failed: 0 },
      { pending: 0, failed: 0 },
    ]);
  });

  it('pages deliveries newest first with an opaque cursor, and filters them by state', async () => {
    const acme = await partner('Paging Co');
    const { id } = (await acme.call('POST', '/api/webhooks', { url: LOCAL })).body;
    const events: string[] = [];
    for (let i = 0; i < 5; i++) {
      events.push((await acme.call('POST', `/api/webhooks/${id}/test`)).body.eventId);
      clock.now += 1000;
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/webhooks/${id}/deliveries?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const answer = await acme.call('GET', path);
      expect(answer.status).to.equal(200);
      expect(answer.body.items.length).to.be.at.most(2);
      seen.push(...answer.body.items.map((d: { eventId: string }) => d.eventId));
      cursor = answer.body.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).to.deep.equal([...events].reverse());
    expect(pages).to.equal(3);

    expect((await acme.call('GET', `/api/webhooks/${id}/deliveries?state=pending`)).body.items).to.have.length(5);
    expect((await acme.call('GET', `/api/webhooks/${id}/deliveries?state=failed`)).body.items).to.deep.equal([]);
    for (const query of ['state=lost', 'limit=0', 'limit=201', 'cursor=abc']) {
      const refused = await acme.call('GET', `/api/webhooks/${id}/deliveries?${query}`);
      expect(refused.status, query).to.equal(422);
    }
  });

  it('retry (202) makes a delivery pending again from its first attempt, due now', async () => {
    const acme = await partner('Retrying Co');
    const { id } = (await acme.call('POST', '/api/webhooks', { url: LOCAL })).body;
    const { deliveryId, eventId } = (await acme.call('POST', `/api/webhooks/${id}/test`)).body;
    clock.now += 3_600_000;
    const retried = await acme.call('POST', `/api/webhooks/${id}/deliveries/${deliveryId}/retry`);
    expect(retried.status).to.equal(202);
    expect(retried.body).to.include({ id: deliveryId, eventId, state: 'pending', attempts: 0, nextAttemptAt: new Date(clock.now).toISOString() });
    const [listed] = (await acme.call('GET', `/api/webhooks/${id}/deliveries`)).body.items;
    expect(listed).to.deep.equal(retried.body);

    const other = (await acme.call('POST', '/api/webhooks', { url: `${LOCAL}/other` })).body;
    const elsewhere = await acme.call('POST', `/api/webhooks/${other.id}/deliveries/${deliveryId}/retry`);
    expect(elsewhere.status, "another endpoint's delivery").to.equal(404);
  });

  it('disabling records when and why and refuses tests; enabling again clears it and makes what waited due now', async () => {
    const acme = await partner('Pausing Co');
    const { id } = (await acme.call('POST', '/api/webhooks', { url: LOCAL })).body;
    const { deliveryId } = (await acme.call('POST', `/api/webhooks/${id}/test`)).body;
    clock.now += 60_000;
    const disabled = await acme.call('PATCH', `/api/webhooks/${id}`, { enabled: false });
    expect(disabled.status).to.equal(200);
    expect(disabled.body).to.include({ enabled: false, disabledAt: new Date(clock.now).toISOString(), disabledReason: 'Disabled through the API.' });
    const refused = await acme.call('POST', `/api/webhooks/${id}/test`);
    expect(refused.status).to.equal(409);
    expect(refused.body.error.message).to.match(/enable it first/);

    clock.now += 3_600_000;
    const enabled = await acme.call('PATCH', `/api/webhooks/${id}`, { enabled: true });
    expect(enabled.status).to.equal(200);
    expect(enabled.body).to.include({ enabled: true, disabledAt: null, disabledReason: null, failingSince: null });
    const [waiting] = (await acme.call('GET', `/api/webhooks/${id}/deliveries`)).body.items;
    expect(waiting).to.include({ id: deliveryId, state: 'pending', nextAttemptAt: new Date(clock.now).toISOString() });
  });

  it('takes an Idempotency-Key on writes: a repeated test sends one event', async () => {
    const acme = await partner('Careful Co');
    const { id } = (await acme.call('POST', '/api/webhooks', { url: LOCAL })).body;
    const key = { 'idempotency-key': 'b0e3f1c2-2222-4d5e-8f90-123456789abc' };
    const first = await acme.call('POST', `/api/webhooks/${id}/test`, undefined, key);
    const again = await acme.call('POST', `/api/webhooks/${id}/test`, undefined, key);
    expect(again.body).to.deep.equal(first.body);
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    expect((await acme.call('GET', `/api/webhooks/${id}/deliveries`)).body.items).to.have.length(1);
  });
});
