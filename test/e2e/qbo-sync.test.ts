import { expect } from 'chai';
import { QBO_ENDPOINTS, QboEndpoints } from '../../adapters/qbo/qbo-endpoints';
import { readTokens } from '../../adapters/qbo/store/qbo-connection-store';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type QboSimulator, startQboSimulator } from '../simulators/qbo/qbo-simulator';
import { connectThroughSimulator } from '../integration/adapters/qbo/qbo-connect-flow';
import { newApp, quickSyncQboEnv } from '../integration/adapters/qbo/qbo-test-env';
import { PartnerApi } from '../support/partner-api';
import { type TestService, startTestService } from '../support/test-service';

type Json = Record<string, unknown>;
const HOUR = 3_600_000;

/** Polls until `check` holds; the suite's timeout is the only limit (no timed assertion). */
async function eventually<T>(check: () => Promise<T | undefined | false>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * QuickBooks Online as a partner lives it, on the running service and its job engine: connect
 * through Intuit's consent page (the simulator), then every sync runs as a job, asked for by the
 * first connect, "Sync now" or a signed webhook, never by the test calling the sync itself.
 * The engine's retry waits are the product's own settings, shortened through the environment.
 */
describe('QuickBooks Online end to end, through the job engine', function () {
  this.timeout(180_000);
  const app = newApp();
  let sim: QboSimulator;
  let test: TestService;
  let api: PartnerApi;
  let realmId: string;
  let connectionId: string;

  before(async () => {
    sim = await startQboSimulator({ ...app, rateLimits: false });
    realmId = await sim.createCompany({ name: 'Harbour Books', seed: 41, customers: 5, invoices: 24, monthsOfHistory: 24 });
    test = await startTestService(quickSyncQboEnv(sim, app));
    api = await PartnerApi.createPartner(test.url, 'Harbour Payments');
  });
  after(async () => {
    await test?.stop();
    await sim?.stop();
  });

  const books = () => sim.books(realmId);
  const connection = async () => ((await api.call('GET', '/api/connections')).body as Json[]).find((c) => c.system === 'qbo');
  const lastSyncAt = async () => String((await connection())?.lastSyncAt ?? '');
  const syncNow = async () => expect((await api.call('POST', `/api/connections/qbo/${connectionId}/sync`)).status).to.equal(202);
  /** Asks for a sync and waits for it to end (last sync moves on). */
  async function syncAndWait(ask: () => Promise<unknown> = syncNow): Promise<void> {
    const before = await lastSyncAt();
    await ask();
    await eventually(async () => (await lastSyncAt()) !== before);
  }
  async function platformInvoices(): Promise<Json[]> {
    const all: Json[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.call('GET', `/api/connections/${connectionId}/invoices?limit=100&archived=include${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...(page.body.items as Json[]));
      cursor = page.body.nextCursor as string | undefined;
    } while (cursor);
    return all;
  }
  const invoiceFor = async (qboId: string) => (await platformInvoices()).find((i) => (i.qbd as Json | undefined)?.txnId === qboId);
  const linkedTo = (payment: Json) => ((payment.Line as Json[]) ?? []).flatMap((l) => ((l.LinkedTxn as Json[]) ?? []).map((t) => String(t.TxnId)));
  const oursFor = (qboInvoiceId: string) =>
    books()
      .all('Payment')
      .filter((p) => linkedTo(p).includes(qboInvoiceId) && String(p.PrivateNote ?? '').startsWith('Alternative Payments'));

  it('connects through the consent page, and the first sync runs by itself: every invoice of the company, recent and history', async () => {
    const { dashboard } = await connectThroughSimulator(api);
    expect(dashboard.searchParams.get('qbo')).to.equal('connected');
    connectionId = String((await connection())!.id);
    await eventually(async () => (await lastSyncAt()) !== '');
    const theirs = books()
      .all('Invoice')
      .map((i) => String(i.DocNumber))
      .sort();
    const ours = (await platformInvoices()).map((i) => String(i.number)).sort();
    expect(ours).to.deep.equal(theirs);
    const queries = sim.requests.filter((r) => r.path.endsWith('/query')).map((r) => String(r.query.query));
    const invoiceReads = queries.filter((q) => q.includes('FROM Invoice'));
    expect(invoiceReads.length, 'the recent window, then the history behind it').to.be.greaterThan(1);
  });

  it('takes a bookkeeper change through a signed webhook, and refuses a forged one', async () => {
    const open = books()
      .all('Invoice')
      .filter((i) => Number(i.Balance) > 0);
    const [moved, deleted] = [String(open[0].Id), String(open[1].Id)];
    books().editInvoice(moved, { dueDate: '2027-03-31' });
    books().deleteInvoice(deleted);
    const url = `${test.url}/qbo/webhooks`;
    const entities = [
      { name: 'Invoice', id: moved, operation: 'Update' },
      { name: 'Invoice', id: deleted, operation: 'Delete' },
    ];
    const forged = await sim.sendWebhook(realmId, entities, { url, forged: true });
    expect(forged?.status).to.equal(401);
    const real = await sim.sendWebhook(realmId, entities, { url });
    expect(real?.status).to.equal(200);
    await eventually(async () => (await invoiceFor(moved))?.dueDate === '2027-03-31');
    // Deleted in QuickBooks Online: archived (or marked deleted) on the platform, never left open.
    await eventually(async () => {
      const invoice = await invoiceFor(deleted);
      return invoice?.archived === true || invoice?.deleted === true;
    });
  });

  describe('a payment made on the platform', () => {
    let qboInvoiceId: string;
    let paymentId: string;
    let seen: number;
    before(async () => {
      seen = sim.requests.length;
      const invoice = books()
        .all('Invoice')
        .find((i) => Number(i.Balance) >= 30 && oursFor(String(i.Id)).length === 0)!;
      qboInvoiceId = String(invoice.Id);
      const altInvoice = (await invoiceFor(qboInvoiceId))!;
      // Its answer is lost once: the write happens in QuickBooks Online, the service hears nothing.
      sim.faults.loseAnswer((r) => r.method === 'POST' && r.path.endsWith('/payment') && !r.query.operation);
      const made = await api.call('POST', `/api/connections/${connectionId}/payments`, { invoiceId: altInvoice.id, amount: '12.34' });
      expect(made.status, JSON.stringify(made.body)).to.equal(201);
      paymentId = String(made.body.id);
      await syncNow();
      await eventually(async () => {
        const payment = (await api.call('GET', `/api/connections/${connectionId}/payments`)).body.items as Json[];
        return (payment.find((p) => p.id === paymentId)?.qbd as Json | undefined)?.state === 'synced';
      });
    });

    it('reaches QuickBooks Online exactly once, the lost answer replayed under the same requestid', () => {
      expect(oursFor(qboInvoiceId).map((p) => p.TotalAmt)).to.deep.equal([12.34]);
      const posts = sim.requests.slice(seen).filter((r) => r.method === 'POST' && r.path.endsWith('/payment') && !r.query.operation);
      expect(posts.map((r) => r.lost ?? false)).to.deep.equal([true, false]);
      expect(new Set(posts.map((r) => r.requestId)).size).to.equal(1);
    });

    it('is reverted in QuickBooks Online when it fails, after re-reading a SyncToken a bookkeeper moved on', async () => {
      const [ours] = oursFor(qboInvoiceId);
      sim.faults.staleOnce('Payment', String(ours.Id));
      expect((await api.call('POST', `/api/payments/${paymentId}/fail`)).status).to.equal(200);
      await syncAndWait();
      await eventually(async () => oursFor(qboInvoiceId).length === 0);
      const deletes = sim.requests.filter((r) => r.method === 'POST' && r.query.operation === 'delete');
      expect(deletes.map((r) => r.status)).to.deep.equal([400, 200]);
    });
  });

  it('slows down through a throttle storm without losing the work', async () => {
    const invoice = books()
      .all('Invoice')
      .find((i) => Number(i.Balance) >= 30 && oursFor(String(i.Id)).length === 0)!;
    const altInvoice = (await invoiceFor(String(invoice.Id)))!;
    const made = await api.call('POST', `/api/connections/${connectionId}/payments`, { invoiceId: altInvoice.id, amount: '4.00' });
    sim.faults.throttle(2);
    const seen = sim.requests.length;
    await syncAndWait();
    await eventually(async () => oursFor(String(invoice.Id)).length === 1);
    const statuses = sim.requests.slice(seen).map((r) => r.status);
    expect(statuses.slice(0, 3)).to.deep.equal([429, 429, 200]);
    expect(made.status).to.equal(201);
  });

  it('records a payout as one deposit into the chosen bank, exactly once across a lost answer', async () => {
    const bank = books()
      .all('Account')
      .find((a) => a.AccountType === 'Bank')!;
    const saved = await api.call('PATCH', `/api/connections/qbo/${connectionId}/settings`, { depositAccountId: String(bank.Id) });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    const invoice = books()
      .all('Invoice')
      .find((i) => Number(i.Balance) >= 30 && oursFor(String(i.Id)).length === 0)!;
    const altInvoice = (await invoiceFor(String(invoice.Id)))!;
    const paid = await api.call('POST', `/api/connections/${connectionId}/payments`, { invoiceId: altInvoice.id, amount: '9.50' });
    await syncAndWait();
    const [payment] = await eventually(async () => (oursFor(String(invoice.Id)).length === 1 ? oursFor(String(invoice.Id)) : undefined));
    sim.faults.loseAnswer((r) => r.method === 'POST' && r.path.endsWith('/deposit'));
    const seen = sim.requests.length;
    const payout = await api.call('POST', `/api/connections/${connectionId}/payouts`, { paymentIds: [paid.body.id] });
    expect(payout.status, JSON.stringify(payout.body)).to.equal(201);
    await syncNow();
    await eventually(async () => {
      const deposits = (await api.call('GET', `/api/connections/${connectionId}/deposits`)).body.items as Json[];
      return (deposits.find((d) => d.id === payout.body.id)?.qbd as Json | undefined)?.state === 'synced';
    });
    const deposits = books()
      .all('Deposit')
      .filter((d) => ((d.Line as Json[]) ?? []).some((l) => ((l.LinkedTxn as Json[]) ?? []).some((t) => String(t.TxnId) === String(payment.Id))));
    expect(deposits.map((d) => [d.TotalAmt, (d.DepositToAccountRef as Json).value])).to.deep.equal([[9.5, String(bank.Id)]]);
    const posts = sim.requests.slice(seen).filter((r) => r.method === 'POST' && r.path.endsWith('/deposit'));
    expect(posts.map((r) => r.lost ?? false)).to.deep.equal([true, false]);
    expect(new Set(posts.map((r) => r.requestId)).size).to.equal(1);
  });

  it('refreshes an expired access token, keeps the rotated refresh token, and still syncs a day later', async () => {
    const endpoints = test.service.container.get<QboEndpoints>(QBO_ENDPOINTS);
    const em = () => test.service.database.orm.em.fork() as unknown as EntityManager;
    const before = (await readTokens(em(), endpoints.tokenKey, connectionId))!.refreshToken;
    sim.faults.expireAccessTokens();
    // The last sync may move first for a run already going when we asked (a notification's): ours follows it.
    await syncAndWait();
    await eventually(async () => (await readTokens(em(), endpoints.tokenKey, connectionId))!.refreshToken !== before);
    expect(sim.tokenRequests.filter((r) => r.grantType === 'refresh_token').map((r) => r.status)).to.deep.equal([200]);
    // A day on, the refresh token before the rotation is dead (24 h grace): only the kept one works.
    // A run already going when we ask may end first, without needing a token: wait for the refresh
    // itself, then for a sync to end after it (the refreshing run, or the one asked for next).
    sim.clock.advance(25 * HOUR);
    const refreshes = () => sim.tokenRequests.filter((r) => r.grantType === 'refresh_token');
    await syncNow();
    await eventually(async () => refreshes().length >= 2);
    await syncAndWait();
    expect(refreshes().map((r) => r.status)).to.deep.equal([200, 200]);
    expect((await connection())!.status).to.equal('connected');
  });
});
