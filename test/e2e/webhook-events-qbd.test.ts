import { expect } from 'chai';
import { TestClock, connectedCompany } from '../support/connected-company';
import { useTestService } from '../support/use-test-service';
import { addWebhookEndpoint, recordedEvents } from '../support/webhook-outbox';

describe('Webhook events of a QuickBooks Desktop connection (simulators end to end)', function () {
  this.timeout(90_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({}, clock.read);

  it('writes an event per record of the first sync, shaped as the REST GET answers, each with one pending delivery, then sync.completed', async () => {
    const { api, connection, connector } = await connectedCompany(service.current, clock, { seed: 31, customers: 4, invoices: 6, years: 1 });
    await addWebhookEndpoint(service.current, connection.id);
    await connector.runSession();
    const events = await recordedEvents(service.current, connection.id);
    const customers = events.filter((e) => e.type === 'customer.created');
    const invoices = events.filter((e) => e.type === 'invoice.created');
    expect(customers).to.have.length(4);
    expect(invoices).to.have.length(6);
    expect(events.every((e) => e.deliveries.length === 1 && e.deliveries[0] === 'pending')).to.equal(true);
    // The summary comes last, after every record it counts.
    expect(events[events.length - 1].type).to.equal('sync.completed');
    expect(events[events.length - 1].data).to.deep.include({ connectionId: connection.id, system: 'qbd' });
    expect(events.findIndex((e) => e.type === 'invoice.created')).to.be.greaterThan(events.findIndex((e) => e.type === 'customer.created'));
    for (const c of customers) expect(c.data).to.deep.equal((await api.call('GET', `/api/connections/${connection.id}/customers/${c.data.id}`)).body);
    for (const i of invoices) expect(i.data).to.deep.equal((await api.call('GET', `/api/connections/${connection.id}/invoices/${i.data.id}`)).body);
    // A poll that finds nothing new writes no record event, only its sync.completed.
    clock.now += 10 * 60_000;
    await connector.runSession();
    expect((await recordedEvents(service.current, connection.id)).slice(events.length).map((e) => e.type)).to.deep.equal(['sync.completed']);
  });

  it('tells a payment posted with its TxnID, then reverted once failed, as the payment list shows it', async () => {
    const { api, connection, connector, company } = await connectedCompany(service.current, clock, { seed: 31, customers: 10, invoices: 25, years: 1 });
    await addWebhookEndpoint(service.current, connection.id, ['payment.posted', 'payment.reverted', 'payment.needs_action']);
    await connector.runSession();
    const accounts = (await api.call('GET', `/api/connections/${connection.id}/accounts`)).body as { id: string; name: string }[];
    await api.call('PATCH', `/api/connections/${connection.id}/settings`, { paymentAccountId: accounts.find((a) => a.name === 'Undeposited Funds')!.id });
    const invoices = (await api.call('GET', `/api/connections/${connection.id}/invoices?limit=200`)).body.items as {
      id: string;
      balance: string;
      status: string;
    }[];
    const open = invoices.find((i) => i.status === 'open' && Number(i.balance) > 50)!;
    const created = (await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '25.00' })).body;
    clock.now += 5 * 60_000;
    company.clock.advance(300);
    await connector.runSession();
    const posted = await recordedEvents(service.current, connection.id);
    expect(posted.map((e) => e.type)).to.deep.equal(['payment.posted']);
    const listed = (await api.call('GET', `/api/connections/${connection.id}/payments`)).body.items[0];
    expect(posted[0].data).to.deep.equal(listed);
    expect(listed.qbd.state).to.equal('synced');
    expect(listed.qbd.txnId).to.be.a('string');
    expect(posted[0].deliveries).to.deep.equal(['pending']);
    await api.call('POST', `/api/payments/${created.id}/fail`);
    clock.now += 5 * 60_000;
    company.clock.advance(300);
    await connector.runSession();
    const all = await recordedEvents(service.current, connection.id);
    expect(all.map((e) => e.type)).to.deep.equal(['payment.posted', 'payment.reverted']);
    expect(all[1].data).to.deep.equal((await api.call('GET', `/api/connections/${connection.id}/payments`)).body.items[0]);
  });

  it('writes no event when the partner has no endpoint', async () => {
    const { connection, connector } = await connectedCompany(service.current, clock, { seed: 31, customers: 4, invoices: 6, years: 1 });
    await connector.runSession();
    expect(await recordedEvents(service.current, connection.id)).to.deep.equal([]);
  });
});
