import { expect } from 'chai';
import { connectedCompany } from '../../support/connected-company';
import { PartnerApi } from '../../support/partner-api';
import { expectOncePerIdInOrder, registerReceiver, settled, useWebhookService } from './webhook-kit';

describe('Webhooks to the platform (simulators end to end, a receiver verifying with standardwebhooks)', function () {
  this.timeout(120_000);
  const suite = useWebhookService();
  const { clock, service } = suite;

  it('delivers every event of a first sync, a payment, a payout and a failed payment, once each by webhook id, in order per connection', async () => {
    const { receiver } = suite;
    const api = await PartnerApi.createPartner(service.current.url, 'Hooked');
    const webhookId = await registerReceiver(api, receiver);
    const { connection, connector, later, company } = await connectedCompany(
      service.current,
      clock,
      { seed: 31, customers: 8, invoices: 20, years: 1 },
      { api },
    );
    await connector.runSession();
    const accounts = (await api.call('GET', `/api/connections/${connection.id}/accounts`)).body as { id: string; name: string }[];
    const account = (name: string) => accounts.find((a) => a.name === name)!.id;
    await api.call('PATCH', `/api/connections/${connection.id}/settings`, {
      paymentAccountId: account('Undeposited Funds'),
      depositAccountId: account('Checking'),
    });
    const invoices = (await api.call('GET', `/api/connections/${connection.id}/invoices?limit=200`)).body.items as {
      id: string;
      status: string;
      balance: string;
    }[];
    const open = invoices.filter((i) => i.status === 'open' && Number(i.balance) > 50);
    const paid = (await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open[0]!.id, amount: '20.00' })).body;
    const failing = (await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open[1]!.id, amount: '7.50' })).body;
    later(5);
    await connector.runSession();
    await api.call('POST', `/api/connections/${connection.id}/payouts`, { paymentIds: [paid.id] });
    await api.call('POST', `/api/payments/${failing.id}/fail`);
    later(5);
    await connector.runSession();

    const deliveries = await settled(api, webhookId);
    expect(deliveries.filter((d) => d.state !== 'delivered')).to.deep.equal([]);
    expectOncePerIdInOrder(receiver, deliveries);
    const types = (type: string) => receiver.ofType(type);
    expect(types('customer.created')).to.have.length(company.customers.size);
    expect(types('invoice.created')).to.have.length(invoices.length);
    expect(types('connection.connected').length).to.be.at.least(1);
    expect(types('sync.completed')).to.have.length(3);
    expect(types('sync.completed')[0]!.data).to.have.property('counts');

    // Each `data` is the REST resource as GET answers it (the payment as it stood when the event happened).
    const payments = (await api.call('GET', `/api/connections/${connection.id}/payments`)).body.items as { id: string; qbd: { txnId?: string } }[];
    const posted = types('payment.posted');
    expect(posted.map((p) => p.data.id)).to.have.members([paid.id, failing.id]);
    const postedPaid = posted.find((p) => p.data.id === paid.id)!;
    expect(postedPaid.data).to.deep.equal(payments.find((p) => p.id === paid.id));
    expect((postedPaid.data.qbd as { txnId: string }).txnId).to.equal(payments.find((p) => p.id === paid.id)!.qbd.txnId);
    expect(types('payment.reverted').map((p) => p.data.id)).to.deep.equal([failing.id]);
    const deposits = (await api.call('GET', `/api/connections/${connection.id}/deposits`)).body.items;
    expect(types('payout.deposited').map((p) => p.data)).to.deep.equal(deposits);
    const customer = types('customer.created')[0]!.data;
    expect(customer).to.deep.equal((await api.call('GET', `/api/connections/${connection.id}/customers/${customer.id as string}`)).body);
  });

  it('a webhook listening to some types gets only those', async () => {
    const { receiver } = suite;
    const api = await PartnerApi.createPartner(service.current.url, 'Selective');
    const webhookId = await registerReceiver(api, receiver, ['sync.completed']);
    const { connector } = await connectedCompany(service.current, clock, { seed: 5, customers: 3, invoices: 4, years: 1 }, { api });
    await connector.runSession();
    const deliveries = await settled(api, webhookId);
    expect(deliveries.map((d) => d.type)).to.deep.equal(['sync.completed']);
    expectOncePerIdInOrder(receiver, deliveries);
  });
});
