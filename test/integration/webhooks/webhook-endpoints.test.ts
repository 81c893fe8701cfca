import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { WebhookEndpoints } from '../../../core/webhooks/endpoints/webhook-endpoints';
import type { EntityManager } from '@mikro-orm/postgresql';
import { eventAudience, recordWebhookEvents } from '../../../core/webhooks/webhook-events';
import { AppError } from '../../../core/errors/app-error';
import { PartnerApi } from '../../support/partner-api';
import { TEST_ADMIN_TOKEN } from '../../support/test-service';
import { stubWebhookResolver } from '../../support/stub-webhook-resolver';
import { useTestService } from '../../support/use-test-service';

const NOW = new Date('2026-12-02T10:00:00Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe('WebhookEndpoints with the event outbox', function () {
  this.timeout(60_000);
  const service = useTestService({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1' }, undefined, [stubWebhookResolver({ 'rebind.example.com': ['8.8.8.8', '10.0.0.5'] })]);
  const endpoints = () => service.current.service.container.get(WebhookEndpoints);
  const em = () => service.current.service.database.orm.em.fork();

  /** A partner (through the admin API, as an operator adds one) and one of its connections. */
  async function partnerWithConnection(name: string): Promise<{ partnerId: string; connectionId: string }> {
    const res = await fetch(`${service.current.url}/api/admin/partners`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    const { id, apiKey } = (await res.json()) as { id: string; apiKey: string };
    const connection = await new PartnerApi(service.current.url, apiKey).call('POST', '/api/connections', { companyName: `${name} Books` });
    return { partnerId: id, connectionId: connection.body.id };
  }

  it("lists a recorded event's delivery under each endpoint that takes its type, with its connection", async () => {
    const { partnerId, connectionId } = await partnerWithConnection('Outbox Co');
    const invoices = await endpoints().create(em(), partnerId, { url: 'http://127.0.0.1:9/a', events: ['invoice.created'] }, NOW);
    const customers = await endpoints().create(em(), partnerId, { url: 'http://127.0.0.1:9/b', events: ['customer.created'] }, later(1));
    const all = await endpoints().create(em(), partnerId, { url: 'http://127.0.0.1:9/c' }, later(2));
    await recordWebhookEvents(em(), partnerId, [{ type: 'invoice.created', connectionId, data: { id: 'inv-1' } }], later(3));

    const [forInvoices] = (await endpoints().deliveries(em(), partnerId, invoices.id, {})).items;
    expect(forInvoices).to.include({ type: 'invoice.created', connectionId, state: 'pending', attempts: 0, createdAt: later(3).toISOString() });
    expect((await endpoints().deliveries(em(), partnerId, all.id, {})).items.map((d) => d.eventId)).to.deep.equal([forInvoices.eventId]);
    expect((await endpoints().deliveries(em(), partnerId, customers.id, {})).items).to.deep.equal([]);
  });

  it('a disabled endpoint gets no deliveries of new events; one enabled again does', async () => {
    const { partnerId, connectionId } = await partnerWithConnection('Paused Co');
    const { id } = await endpoints().create(em(), partnerId, { url: 'http://127.0.0.1:9/p' }, NOW);
    await endpoints().update(em(), partnerId, id, { enabled: false }, later(1));
    await recordWebhookEvents(em(), partnerId, [{ type: 'customer.updated', connectionId, data: {} }], later(2));
    expect((await endpoints().deliveries(em(), partnerId, id, {})).items).to.deep.equal([]);
    await endpoints().update(em(), partnerId, id, { enabled: true }, later(3));
    await recordWebhookEvents(em(), partnerId, [{ type: 'customer.updated', connectionId, data: {} }], later(4));
    expect((await endpoints().deliveries(em(), partnerId, id, {})).items).to.have.length(1);
  });

  it('narrowing the event types applies to events recorded after the change', async () => {
    const { partnerId, connectionId } = await partnerWithConnection('Narrow Co');
    const { id } = await endpoints().create(em(), partnerId, { url: 'http://127.0.0.1:9/n' }, NOW);
    await endpoints().update(em(), partnerId, id, { events: ['payment.posted'] }, later(1));
    await recordWebhookEvents(
      em(),
      partnerId,
      [
        { type: 'invoice.created', connectionId, data: {} },
        { type: 'payment.posted', connectionId, data: {} },
      ],
      later(2),
    );
    expect((await endpoints().deliveries(em(), partnerId, id, {})).items.map((d) => d.type)).to.deep.equal(['payment.posted']);
    expect((await endpoints().view(em(), partnerId, id)).events).to.deep.equal(['payment.posted']);
  });

  it('refuses a host with one private answer among public ones (rebinding), whatever the others', async () => {
    const { partnerId } = await partnerWithConnection('Rebind Co');
    const refused = await endpoints()
      .create(em(), partnerId, { url: 'https://rebind.example.com/hook' }, NOW)
      .catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(AppError).and.to.have.property('kind', 'invalid');
    expect((await endpoints().list(em(), partnerId)).items).to.deep.equal([]);
  });

  it('deleting an endpoint deletes its deliveries, not the events other endpoints still deliver', async () => {
    const { partnerId, connectionId } = await partnerWithConnection('Cascade Co');
    const gone = await endpoints().create(em(), partnerId, { url: 'http://127.0.0.1:9/gone' }, NOW);
    const kept = await endpoints().create(em(), partnerId, { url: 'http://127.0.0.1:9/kept' }, later(1));
    await recordWebhookEvents(em(), partnerId, [{ type: 'sync.completed', connectionId, data: { counts: {} } }], later(2));
    await endpoints().remove(em(), partnerId, gone.id);
    const rows = await em()
      .getConnection()
      .execute<{ endpoint_id: string }[]>('select endpoint_id from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id where e.partner_id = ?', [
        partnerId,
      ]);
    expect(rows.map((r) => r.endpoint_id)).to.deep.equal([kept.id]);
    expect((await endpoints().deliveries(em(), partnerId, kept.id, {})).items).to.have.length(1);
  });

  it("a random id, or another partner's, is not found", async () => {
    const { partnerId } = await partnerWithConnection('Owner Co');
    const { partnerId: otherId } = await partnerWithConnection('Other Co');
    const { id } = await endpoints().create(em(), partnerId, { url: 'http://127.0.0.1:9/o' }, NOW);
    for (const [partner, endpoint] of [
      [otherId, id],
      [partnerId, randomUUID()],
    ]) {
      const error = await endpoints()
        .view(em(), partner, endpoint)
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(AppError).and.to.have.property('kind', 'not-found');
    }
  });
  it('asks who listens once a transaction: an endpoint made meanwhile counts from the next one', async () => {
    const { partnerId, connectionId } = await partnerWithConnection('Audience Co');
    const listening = await em().transactional(async (tx) => {
      const before = (await eventAudience(tx as EntityManager, connectionId)).wants('invoice.created');
      // Made inside it (the embedded database has one connection): a second query would see it.
      await endpoints().create(tx as EntityManager, partnerId, { url: 'http://127.0.0.1:9/late' }, NOW);
      const again = (await eventAudience(tx as EntityManager, connectionId)).wants('invoice.created');
      return [before, again];
    });
    expect(listening).to.deep.equal([false, false]);
    const after = await em().transactional(async (tx) => (await eventAudience(tx as EntityManager, connectionId)).wants('invoice.created'));
    expect(after).to.equal(true);
  });
});
