import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { QboTokens } from '../../../../../adapters/qbo/auth/qbo-tokens';
import { QBO_ENDPOINTS, QboEndpoints } from '../../../../../adapters/qbo/qbo-endpoints';
import { readTokens } from '../../../../../adapters/qbo/store/qbo-connection-store';
import { AppError } from '../../../../../core/errors/app-error';
import type { Logger } from '../../../../../core/runtime/logger';
import { TOKENS } from '../../../../../core/runtime/tokens';
import type { Database } from '../../../../../core/store/open-database';
import { QboSimulator, startQboSimulator } from '../../../../simulators/qbo/qbo-simulator';
import { PartnerApi } from '../../../../support/partner-api';
import { TestService, startTestService } from '../../../../support/test-service';
import { connectThroughSimulator } from '../qbo-connect-flow';
import { newApp, qboEnv } from '../qbo-test-env';

const MINUTE = 60_000;

describe('QuickBooks Online sign-in and tokens (QboTokens)', function () {
  this.timeout(60_000);
  // One clock for the service and the simulator: tokens expire on both sides alike.
  let shift = 0;
  const clock = () => new Date(Date.now() + shift);
  const app = newApp();
  let sim: QboSimulator;
  let test: TestService;
  let api: PartnerApi;
  let realmId: string;

  before(async () => {
    sim = await startQboSimulator({ ...app, now: clock });
    realmId = sim.createCompany({ name: 'Café Ñandú & Sons', seed: 3, customers: 3, invoices: 5 });
    test = await startTestService({ LOG_LEVEL: 'warn', ...qboEnv(sim, app) }, clock);
    api = await PartnerApi.createPartner(test.url, 'Online Partner');
  });
  after(async () => {
    await test?.stop();
    await sim?.stop();
  });

  const em = () => test.service.database.orm.em.fork() as EntityManager;
  const endpoints = () => test.service.container.get<QboEndpoints>(QBO_ENDPOINTS);
  const tokens = () => test.service.container.get(QboTokens);
  /** Another instance's QboTokens: the same database, its own object. */
  const otherInstance = () =>
    new QboTokens(test.service.container.get<Database>(TOKENS.Database), endpoints(), clock, test.service.container.get<Logger>(TOKENS.Logger));
  const companyInfo = (accessToken: string) =>
    fetch(`${sim.url}/v3/company/${realmId}/companyinfo/${realmId}`, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } });

  let connectionId: string;

  it('connects through the consent page: the connection is named from CompanyInfo and its tokens work', async () => {
    const { dashboard, callback } = await connectThroughSimulator(api);
    expect(callback.pathname).to.equal('/qbo/callback');
    expect(dashboard.pathname).to.equal('/dashboard');
    expect(dashboard.searchParams.get('qbo')).to.equal('connected');
    expect(dashboard.search).not.to.contain(callback.searchParams.get('code')!);
    connectionId = dashboard.searchParams.get('connection')!;
    const view = await api.call('GET', `/api/connections/qbo/${connectionId}`);
    expect(view.body).to.deep.include({ system: 'qbo', companyName: 'Café Ñandú & Sons', realmId, status: 'connected', lastError: null });
    const access = await tokens().access(connectionId);
    expect(access.realmId).to.equal(realmId);
    expect((await companyInfo(access.accessToken)).status).to.equal(200);
  });

  it('hands out the stored access token while more than 5 minutes are left', async () => {
    const first = await tokens().access(connectionId);
    shift += 50 * MINUTE;
    expect(await tokens().access(connectionId)).to.deep.equal(first);
  });

  // The embedded database runs one transaction at a time, so the row lock is put to the test on a
  // real server (DATABASE_URL=... npm test); there, without it, several callers refresh at once.
  it('refreshes once under 5 minutes, whatever number of callers and instances ask at once, and keeps the rotated refresh token', async () => {
    const before = (await readTokens(em(), endpoints().tokenKey, connectionId))!;
    shift += 6 * MINUTE; // 56 minutes into a 60-minute token
    const all = await Promise.all([tokens(), otherInstance(), tokens(), otherInstance(), tokens()].map((t) => t.access(connectionId)));
    expect(new Set(all.map((a) => a.accessToken)).size).to.equal(1);
    expect(all[0].accessToken).not.to.equal(before.accessToken);
    const after = (await readTokens(em(), endpoints().tokenKey, connectionId))!;
    expect(after.refreshToken).not.to.equal(before.refreshToken);
    expect(after.accessToken).to.equal(all[0].accessToken);
    expect((await companyInfo(all[0].accessToken)).status).to.equal(200);
  });

  it('after a 401 refreshes only for the first caller that reports the rejected token', async () => {
    const rejected = (await tokens().access(connectionId)).accessToken;
    sim.faults.expireAccessTokens();
    expect((await companyInfo(rejected)).status).to.equal(401);
    const [a, b] = await Promise.all([tokens().afterRejection(connectionId, rejected), otherInstance().afterRejection(connectionId, rejected)]);
    expect(a).to.deep.equal(b);
    expect(a.accessToken).not.to.equal(rejected);
    expect((await companyInfo(a.accessToken)).status).to.equal(200);
    expect(await tokens().afterRejection(connectionId, rejected)).to.deep.equal(a);
  });

  it('when QuickBooks Online refuses the refresh token, asks the partner to reconnect, and a reconnect mends the same connection', async () => {
    shift += 102 * 24 * 60 * MINUTE; // past the refresh token's 101 days
    const error = await tokens()
      .access(connectionId)
      .then(
        () => undefined,
        (e: unknown) => e as AppError,
      );
    expect(error?.kind).to.equal('needs-user-action');
    expect(error?.userMessage).to.contain('Reconnect');
    // A sync that fails on it records this code too, so it never hides the card's Reconnect button.
    expect(error?.code).to.equal('qbo_reconnect');
    const broken = (await api.call('GET', `/api/connections/qbo/${connectionId}`)).body;
    expect(broken.status).to.equal('error');
    expect(broken.lastError.code).to.equal('qbo_reconnect');
    expect(broken.needsAttention.map((n: { kind: string }) => n.kind)).to.include('error');

    const { dashboard } = await connectThroughSimulator(api);
    expect(dashboard.searchParams.get('qbo')).to.equal('reconnected');
    expect(dashboard.searchParams.get('connection')).to.equal(connectionId);
    const mended = (await api.call('GET', `/api/connections/qbo/${connectionId}`)).body;
    expect(mended).to.deep.include({ status: 'connected', lastError: null });
    expect((await companyInfo((await tokens().access(connectionId)).accessToken)).status).to.equal(200);
  });

  it('stores nothing when the partner cancels on the consent page, or when a callback is replayed or forged', async () => {
    const count = async () => (await api.call('GET', '/api/connections')).body.length as number;
    const before = await count();
    const cancelled = await connectThroughSimulator(api, 'cancel');
    expect(cancelled.dashboard.searchParams.get('qbo')).to.equal('denied');

    const { callback } = await connectThroughSimulator(api); // reconnects the same company: no new connection
    const replay = await fetch(callback, { redirect: 'manual' });
    expect(new URL(replay.headers.get('location')!, test.url).searchParams.get('qbo')).to.equal('expired');
    const forged = await fetch(`${test.url}/qbo/callback?code=abc&state=made-up&realmId=${realmId}`, { redirect: 'manual' });
    expect(new URL(forged.headers.get('location')!, test.url).searchParams.get('qbo')).to.equal('expired');
    expect(await count()).to.equal(before);
  });
});
