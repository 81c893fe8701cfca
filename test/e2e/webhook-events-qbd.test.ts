import { expect } from 'chai';
import { TestClock, connectedCompany } from '../support/connected-company';
import { useTestService } from '../support/use-test-service';
import { addWebhookEndpoint, recordedEvents } from '../support/webhook-outbox';
import { paymentSyncSetup } from './payment-sync-setup';

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
    const completed = events[events.length - 1].data;
    expect(completed).to.deep.include({ connectionId: connection.id, system: 'qbd' });
    expect(completed.counts).to.deep.equal((await api.call('GET', `/api/connections/${connection.id}`)).body.progress.counts);
    expect(completed.changes).to.deep.include({ 'customer:upsert:applied:created': 4, 'invoice:upsert:applied:created': 6 });
    expect(events.findIndex((e) => e.type === 'invoice.created')).to.be.greaterThan(events.findIndex((e) => e.type === 'customer.created'));
    for (const c of customers) expect(c.data).to.deep.equal((await api.call('GET', `/api/connections/${connection.id}/customers/${c.data.id}`)).body);
    for (const i of invoices) expect(i.data).to.deep.equal((await api.call('GET', `/api/connections/${connection.id}/invoices/${i.data.id}`)).body);
    // A poll that finds nothing new writes no record event, only its sync.completed.
    clock.now += 10 * 60_000;
    await connector.runSession();
    expect((await recordedEvents(service.current, connection.id)).slice(events.length).map((e) => e.type)).to.deep.equal(['sync.completed']);
  });

  it('tells payments posted with their TxnID, a payout deposited, a failed payment reverted and a refused one needing action, as the lists show them', async () => {
    const { api, connection, company, connector, open, later } = await paymentSyncSetup(service.current, clock);
    await addWebhookEndpoint(service.current, connection.id, ['payment.posted', 'payment.reverted', 'payment.needs_action', 'payout.deposited']);
    const accounts = (await api.call('GET', `/api/connections/${connection.id}/accounts`)).body as { id: string; name: string }[];
    await api.call('PATCH', `/api/connections/${connection.id}/settings`, { depositAccountId: accounts.find((a) => a.name === 'Checking')!.id });
    const pay = async (invoiceId: string, amount: string) => (await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId, amount })).body;
    const [paid, failing] = [await pay(open.id, '10.00'), await pay(open.id, '15.50')];
    later(5);
    await connector.runSession();
    const payout = (await api.call('POST', `/api/connections/${connection.id}/payouts`, { paymentIds: [paid.id] })).body;
    await api.call('POST', `/api/payments/${failing.id}/fail`);
    later(5);
    await connector.runSession();
    // Paid in full in QuickBooks meanwhile: QuickBooks refuses the next payment of that invoice, which needs the partner.
    const invoice = company.invoice(open.qbd.txnId);
    const owed = company.invoiceBalance(invoice);
    company.receivePayment({ customerId: invoice.customerId, totalAmount: owed, applications: [{ invoiceId: invoice.txnId, amount: owed }] });
    const refused = await pay(open.id, '1.00');
    later(5);
    await connector.runSession();
    const events = await recordedEvents(service.current, connection.id);
    expect(events.map((e) => [e.type, e.data.id])).to.deep.equal([
      ['payment.posted', paid.id],
      ['payment.posted', failing.id],
      ['payout.deposited', payout.id],
      ['payment.reverted', failing.id],
      ['payment.needs_action', refused.id],
    ]);
    expect(events.every((e) => e.deliveries.length === 1 && e.deliveries[0] === 'pending')).to.equal(true);
    const payments = (await api.call('GET', `/api/connections/${connection.id}/payments`)).body.items as { id: string; qbd: { txnId?: string } }[];
    const posted = events[0].data as { qbd: { state: string; txnId: string } };
    expect(posted.qbd).to.deep.equal({ state: 'synced', txnId: company.payments.get(posted.qbd.txnId)!.txnId });
    for (const e of [events[0], events[3], events[4]]) expect(e.data).to.deep.equal(payments.find((p) => p.id === e.data.id));
    const deposits = (await api.call('GET', `/api/connections/${connection.id}/deposits`)).body.items as { id: string }[];
    expect(events[2].data).to.deep.equal(deposits.find((d) => d.id === payout.id));
  });

  it('writes no event when the partner has no endpoint', async () => {
    const { connection, connector } = await connectedCompany(service.current, clock, { seed: 31, customers: 4, invoices: 6, years: 1 });
    await connector.runSession();
    expect(await recordedEvents(service.current, connection.id)).to.deep.equal([]);
  });
});
