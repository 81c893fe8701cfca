import { expect } from 'chai';
import { QboSimulator, startQboSimulator } from '../../../../simulators/qbo/qbo-simulator';
import { PartnerApi } from '../../../../support/partner-api';
import { TestService, startTestService } from '../../../../support/test-service';
import { connectThroughSimulator } from '../qbo-connect-flow';
import { newApp, qboEnv } from '../qbo-test-env';

describe('The QuickBooks Online connection API', function () {
  this.timeout(60_000);
  const app = newApp();
  let sim: QboSimulator;
  let test: TestService;
  let api: PartnerApi;
  let id: string;

  before(async () => {
    sim = await startQboSimulator(app);
    sim.createCompany({ name: 'Online Books', seed: 5, customers: 2, invoices: 3 });
    test = await startTestService({ LOG_LEVEL: 'warn', ...qboEnv(sim, app) });
    api = await PartnerApi.createPartner(test.url, 'Online API');
    id = (await connectThroughSimulator(api)).dashboard.searchParams.get('connection')!;
  });
  after(async () => {
    await test?.stop();
    await sim?.stop();
  });

  it('lists the QBO connection among all connections, saying its system', async () => {
    const listed = (await api.call('GET', '/api/connections')).body as { id: string; system: string }[];
    expect(listed.map((c) => [c.id, c.system])).to.deep.equal([[id, 'qbo']]);
  });

  it("offers QuickBooks Online's accounts for the dropdowns: Undeposited Funds recommended, banks for deposits", async () => {
    const { status, body } = await api.call('GET', `/api/connections/qbo/${id}/accounts`);
    expect(status).to.equal(200);
    const byName = Object.fromEntries((body as { name: string; usableFor: string[]; recommended: boolean }[]).map((a) => [a.name, a]));
    expect(byName['Undeposited Funds']).to.deep.include({ id: '4', usableFor: ['payments'], recommended: true, subType: 'UndepositedFunds' });
    expect(byName.Checking).to.deep.include({ usableFor: ['payments', 'deposits'], recommended: false });
    expect(byName['Accounts Receivable (A/R)'].usableFor).to.deep.equal([]);
    expect(byName.Services.usableFor).to.deep.equal([]);
  });

  it('refuses an account that cannot take the money, in words, and saves a good choice with the interval', async () => {
    const wrong = await api.call('PATCH', `/api/connections/qbo/${id}/settings`, { depositAccountId: '4' });
    expect(wrong.status).to.equal(422);
    expect(wrong.body.error.message).to.equal('Deposit account: "Undeposited Funds" is an Other Current Asset account; choose a bank account.');
    const missing = await api.call('PATCH', `/api/connections/qbo/${id}/settings`, { paymentAccountId: '999' });
    expect(missing.body.error.message).to.contain('no account with id 999');
    const saved = await api.call('PATCH', `/api/connections/qbo/${id}/settings`, { paymentAccountId: '4', depositAccountId: '35', syncIntervalMinutes: 15 });
    expect(saved.status).to.equal(200);
    expect(saved.body.settings).to.deep.equal({ paymentAccountId: '4', depositAccountId: '35', syncIntervalMinutes: 15 });
    expect((await api.call('GET', `/api/connections/qbo/${id}`)).body.settings).to.deep.equal(saved.body.settings);
  });

  /** The connection as soon as `ready` holds (the job engine syncs on its own time; the test's timeout bounds the wait). */
  async function until(ready: (c: { lastSyncAt: string | null; status: string }) => boolean) {
    for (;;) {
      const c = (await api.call('GET', `/api/connections/qbo/${id}`)).body;
      if (ready(c)) return c;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('asked the job engine for a first sync when connected, and syncs again on "sync now"', async () => {
    const first = await until((c) => c.lastSyncAt !== null);
    expect(first.status).to.equal('connected');
    const asked = await api.call('POST', `/api/connections/qbo/${id}/sync`);
    expect(asked.status).to.equal(202);
    expect(asked.body.message).to.equal('A sync with QuickBooks Online starts in a moment.');
    await until((c) => c.lastSyncAt! > first.lastSyncAt);
  });

  it('pauses and resumes through the shared routes; sync now waits for a resume', async () => {
    expect((await api.call('POST', `/api/connections/${id}/pause`)).body.status).to.equal('paused');
    const refused = await api.call('POST', `/api/connections/qbo/${id}/sync`);
    expect(refused.status).to.equal(409);
    expect(refused.body.error.message).to.equal('This connection is paused. Resume syncing first.');
    expect((await api.call('POST', `/api/connections/${id}/resume`)).body.status).to.equal('connected');
  });

  it("answers 404 for another partner's connection and for a QuickBooks Desktop one", async () => {
    const other = await PartnerApi.createPartner(test.url, 'Someone Else');
    expect((await other.call('GET', `/api/connections/qbo/${id}`)).status).to.equal(404);
    const desktop = (await api.call('POST', '/api/connections', { companyName: 'Desktop Books' })).body.id as string;
    expect((await api.call('GET', `/api/connections/qbo/${desktop}/accounts`)).status).to.equal(404);
    expect((await api.call('GET', `/api/connections/qbo/not-a-uuid`)).status).to.equal(404);
  });
});
