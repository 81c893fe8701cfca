import { expect } from 'chai';
import { QboTokens } from '../../adapters/qbo/auth/qbo-tokens';
import { QBO_ENDPOINTS, QboEndpoints } from '../../adapters/qbo/qbo-endpoints';
import { randomUUID } from 'node:crypto';
import { type QboSimulator, startQboSimulator } from '../simulators/qbo/qbo-simulator';
import { connectThroughSimulator } from '../integration/adapters/qbo/qbo-connect-flow';
import { newApp, quickSyncQboEnv } from '../integration/adapters/qbo/qbo-test-env';
import { PartnerApi } from '../support/partner-api';
import { type TestService, startTestService } from '../support/test-service';
import { RecordedEvent, addPartnerWebhookEndpoint, recordedEvents } from '../support/webhook-outbox';

type Json = Record<string, unknown>;

/** Polls until `check` holds; the suite's timeout is the only limit (no timed assertion). */
async function eventually<T>(check: () => Promise<T | undefined | false>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A QuickBooks Online connection's events, through the job engine as a partner lives it (qbo-sync.test.ts). */
describe('Webhook events of a QuickBooks Online connection (end to end, through the job engine)', function () {
  this.timeout(180_000);
  const app = newApp();
  const partnerId = randomUUID();
  let sim: QboSimulator;
  let test: TestService;
  let api: PartnerApi;
  let realmId: string;
  let connectionId: string;

  before(async () => {
    sim = await startQboSimulator({ ...app, rateLimits: false });
    realmId = await sim.createCompany({ name: 'Harbour Books', seed: 41, customers: 5, invoices: 12, monthsOfHistory: 6 });
    test = await startTestService(quickSyncQboEnv(sim, app));
    api = await PartnerApi.createPartner(test.url, 'Harbour Payments', partnerId);
    await addPartnerWebhookEndpoint(test, partnerId);
  });
  after(async () => {
    await test?.stop();
    await sim?.stop();
  });

  const books = () => sim.books(realmId);
  const events = () => recordedEvents(test, connectionId);
  const lastSyncAt = async () => String(((await api.call('GET', '/api/connections')).body as Json[]).find((c) => c.id === connectionId)?.lastSyncAt ?? '');
  async function syncAndWait(): Promise<void> {
    const before = await lastSyncAt();
    expect((await api.call('POST', `/api/connections/qbo/${connectionId}/sync`)).status).to.equal(202);
    await eventually(async () => (await lastSyncAt()) !== before);
  }
  /** The events written since `from`, of these types. */
  const newEvents = async (from: number, types: readonly string[]) => (await events()).slice(from).filter((e) => types.includes(e.type));
  const invoiceView = async (id: unknown) => (await api.call('GET', `/api/connections/${connectionId}/invoices/${String(id)}`)).body;

  it('tells the connect, every record of the first sync as its GET shows it, then sync.completed', async () => {
    await connectThroughSimulator(api);
    connectionId = String(((await api.call('GET', '/api/connections')).body as Json[]).find((c) => c.system === 'qbo')!.id);
    await eventually(async () => (await lastSyncAt()) !== '');
    const all = await events();
    expect(all[0]).to.deep.include({ type: 'connection.connected' });
    expect(all[0].data).to.deep.include({ id: connectionId, system: 'qbo', status: 'connected' });
    expect(all.filter((e) => e.type === 'invoice.created')).to.have.length(books().all('Invoice').length);
    expect(all.filter((e) => e.type === 'customer.created')).to.have.length(books().all('Customer').length);
    expect(all[all.length - 1].type).to.equal('sync.completed');
    expect(all.every((e) => e.deliveries.length === 1 && e.deliveries[0] === 'pending')).to.equal(true);
    const invoice = all.find((e) => e.type === 'invoice.created')!;
    expect(invoice.data).to.deep.equal(await invoiceView(invoice.data.id));
  });

  it("tells a bookkeeper's edits: invoice.updated, invoice.archived, customer.updated, customer.archived", async () => {
    const from = (await events()).length;
    const open = books()
      .all('Invoice')
      .filter((i) => Number(i.Balance) > 0);
    books().editInvoice(String(open[0].Id), { dueDate: '2027-03-31' });
    books().deleteInvoice(String(open[1].Id));
    const [kept, gone] = books().all('Customer');
    books().editCustomer(String(kept.Id), { PrimaryEmailAddr: { Address: 'ap@harbour.example' } });
    books().deactivateCustomer(String(gone.Id));
    await syncAndWait();
    const told = await newEvents(from, ['invoice.updated', 'invoice.archived', 'customer.updated', 'customer.archived']);
    const one = (type: string): RecordedEvent => {
      const found = told.filter((e) => e.type === type);
      expect(found, type).to.have.length(1);
      return found[0];
    };
    expect(one('invoice.updated').data).to.deep.equal(await invoiceView(one('invoice.updated').data.id));
    expect(one('invoice.updated').data.dueDate).to.equal('2027-03-31');
    expect(one('invoice.archived').data).to.deep.equal(await invoiceView(one('invoice.archived').data.id));
    const customer = (id: unknown) => api.call('GET', `/api/connections/${connectionId}/customers/${String(id)}`);
    // Made inactive is an update (isActive false) and an archive, as the sync log tells it: two events.
    const archived = one('customer.archived').data;
    expect(archived).to.deep.equal((await customer(archived.id)).body);
    expect(archived).to.deep.include({ name: gone.DisplayName, archived: true, isActive: false });
    const updated = told.filter((e) => e.type === 'customer.updated').map((e) => e.data);
    expect(updated.map((c) => c.name).sort()).to.deep.equal([kept.DisplayName, gone.DisplayName].sort());
    for (const c of updated) expect(c).to.deep.equal((await customer(c.id)).body);
  });

  it("tells a payment posted with QuickBooks' id, its payout deposited, and the payment reverted once failed", async () => {
    const bank = books()
      .all('Account')
      .find((a) => a.AccountType === 'Bank')!;
    expect((await api.call('PATCH', `/api/connections/qbo/${connectionId}/settings`, { depositAccountId: String(bank.Id) })).status).to.equal(200);
    const qboInvoice = books()
      .all('Invoice')
      .find((i) => Number(i.Balance) >= 30)!;
    const invoices = (await api.call('GET', `/api/connections/${connectionId}/invoices?limit=100`)).body.items as Json[];
    const altInvoice = invoices.find((i) => (i.qbd as Json).txnId === String(qboInvoice.Id))!;
    const from = (await events()).length;
    const pay = async (amount: string) => (await api.call('POST', `/api/connections/${connectionId}/payments`, { invoiceId: altInvoice.id, amount })).body;
    const [paid, failing] = [await pay('9.50'), await pay('3.25')];
    await syncAndWait();
    const payout = (await api.call('POST', `/api/connections/${connectionId}/payouts`, { paymentIds: [paid.id] })).body;
    await api.call('POST', `/api/payments/${String(failing.id)}/fail`);
    await syncAndWait();
    const told = await newEvents(from, ['payment.posted', 'payout.deposited', 'payment.reverted', 'payment.needs_action']);
    expect(told.map((e) => [e.type, e.data.id])).to.deep.equal([
      ['payment.posted', paid.id],
      ['payment.posted', failing.id],
      ['payout.deposited', payout.id],
      ['payment.reverted', failing.id],
    ]);
    const posted = told[0].data as { qbd: { state: string; txnId: string } };
    expect(posted.qbd.state).to.equal('synced');
    expect(
      books()
        .all('Payment')
        .map((p) => String(p.Id)),
    ).to.include(posted.qbd.txnId);
    const payments = (await api.call('GET', `/api/connections/${connectionId}/payments`)).body.items as Json[];
    expect(told[0].data).to.deep.equal(payments.find((p) => p.id === paid.id));
    expect(told[3].data).to.deep.equal(payments.find((p) => p.id === failing.id));
    const deposits = (await api.call('GET', `/api/connections/${connectionId}/deposits`)).body.items as Json[];
    expect(told[2].data).to.deep.equal(deposits.find((d) => d.id === payout.id));
  });

  it('tells connection.error once when Intuit stops accepting the connection, and connection.connected when the partner reconnects', async () => {
    const from = (await events()).length;
    const endpoints = test.service.container.get<QboEndpoints>(QBO_ENDPOINTS);
    const tokens = test.service.container.get(QboTokens);
    const { accessToken } = await tokens.access(connectionId);
    // The partner disconnects the app at Intuit: revoking the token kills the whole grant.
    const revoked = await fetch(`${endpoints.apiBaseUrl}/v2/oauth2/tokens/revoke`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${endpoints.clientId}:${endpoints.clientSecret}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ token: accessToken }),
    });
    expect(revoked.status).to.equal(200);
    for (let i = 0; i < 2; i++) await tokens.afterRejection(connectionId, accessToken).catch(() => undefined);
    await connectThroughSimulator(api);
    await eventually(async () => (await events()).slice(from).some((e) => e.type === 'connection.connected'));
    const told = await newEvents(from, ['connection.error', 'connection.connected']);
    expect(told.map((e) => e.type)).to.deep.equal(['connection.error', 'connection.connected']);
    expect(told[0].data).to.deep.include({ id: connectionId, status: 'error' });
    expect(told[1].data).to.deep.include({ id: connectionId, status: 'connected', lastError: null });
  });
});
