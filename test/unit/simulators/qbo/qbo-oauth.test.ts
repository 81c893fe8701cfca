import { expect } from 'chai';
import { QboSimulator } from '../../../simulators/qbo/qbo-simulator';
import { Api, authorizeInBrowser, basicAuth, connect, REDIRECT, startSim, tokenCall } from './qbo-harness';

describe('The QuickBooks Online simulator', () => {
  describe('OAuth 2.0', () => {
    let sim: QboSimulator;
    let realmId: string;
    beforeEach(async () => {
      sim = await startSim();
      realmId = sim.createCompany({ name: 'Craig & Co', seed: 1, customers: 2, invoices: 2 });
    });
    afterEach(() => sim.stop());

    it('shows a consent page naming the app and the company', async () => {
      const query = new URLSearchParams({
        client_id: 'test-client',
        redirect_uri: REDIRECT,
        response_type: 'code',
        scope: 'com.intuit.quickbooks.accounting',
        state: 's',
      });
      const html = await (await fetch(`${sim.authorizeUrl}?${query}`)).text();
      expect(html).to.include('Connect Test App to Craig &#38; Co?');
      expect(html).to.include('<button type="submit" name="decision" value="connect">Connect</button>');
    });

    it('redirects back with code, state and realmId when Connect is pressed, and access_denied on Cancel', async () => {
      const back = await authorizeInBrowser(sim, 'connect', 'xyz');
      expect(`${back.origin}${back.pathname}`).to.equal(REDIRECT);
      expect(back.searchParams.get('state')).to.equal('xyz');
      expect(back.searchParams.get('realmId')).to.equal(realmId);
      expect(back.searchParams.get('code')).to.match(/^AB11/);
      const denied = await authorizeInBrowser(sim, 'cancel', 'no');
      expect(denied.searchParams.get('error')).to.equal('access_denied');
      expect(denied.searchParams.get('state')).to.equal('no');
    });

    it('signs into sim.nextAuthorizedRealm when set', async () => {
      const other = sim.createCompany({ name: 'Second', seed: 2, customers: 1, invoices: 0 });
      sim.nextAuthorizedRealm = other;
      expect((await authorizeInBrowser(sim)).searchParams.get('realmId')).to.equal(other);
      expect((await authorizeInBrowser(sim)).searchParams.get('realmId')).to.equal(realmId);
    });

    it('exchanges a code once, with expires_in 3600 and x_refresh_token_expires_in 8726400', async () => {
      const code = (await authorizeInBrowser(sim)).searchParams.get('code')!;
      const first = await tokenCall(sim, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
      expect(first.status).to.equal(200);
      expect(first.json).to.include({ token_type: 'bearer', expires_in: 3600, x_refresh_token_expires_in: 8726400 });
      expect(first.json).not.to.have.property('realmId');
      const again = await tokenCall(sim, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
      expect(again).to.deep.equal({ status: 400, json: { error: 'invalid_grant' } });
    });

    it('refuses a code after it expired, or with another redirect_uri (invalid_grant)', async () => {
      const late = (await authorizeInBrowser(sim)).searchParams.get('code')!;
      const wrongUri = (await authorizeInBrowser(sim)).searchParams.get('code')!;
      expect((await tokenCall(sim, { grant_type: 'authorization_code', code: wrongUri, redirect_uri: 'http://127.0.0.1:9/other' })).json).to.deep.equal({
        error: 'invalid_grant',
      });
      sim.clock.advance(301_000);
      expect((await tokenCall(sim, { grant_type: 'authorization_code', code: late, redirect_uri: REDIRECT })).json).to.deep.equal({ error: 'invalid_grant' });
    });

    it('answers 401 invalid_client to a wrong client secret or no Basic auth', async () => {
      const code = (await authorizeInBrowser(sim)).searchParams.get('code')!;
      expect(await tokenCall(sim, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, basicAuth('test-client', 'wrong'))).to.deep.equal({
        status: 401,
        json: { error: 'invalid_client' },
      });
      expect((await tokenCall(sim, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, '')).status).to.equal(401);
    });

    it('rotates refresh tokens: the previous one works for 24 hours after a new one is issued, then invalid_grant', async () => {
      const { refreshToken } = await connect(sim);
      const second = await tokenCall(sim, { grant_type: 'refresh_token', refresh_token: refreshToken });
      expect(second.status).to.equal(200);
      expect(second.json.refresh_token).to.be.a('string').and.not.equal(refreshToken);
      sim.clock.advance(23 * 3600_000);
      expect((await tokenCall(sim, { grant_type: 'refresh_token', refresh_token: refreshToken })).status).to.equal(200);
      sim.clock.advance(3600_000);
      expect(await tokenCall(sim, { grant_type: 'refresh_token', refresh_token: refreshToken })).to.deep.equal({
        status: 400,
        json: { error: 'invalid_grant' },
      });
      expect((await tokenCall(sim, { grant_type: 'refresh_token', refresh_token: String(second.json.refresh_token) })).status).to.equal(200);
    });

    it('expires access tokens after 3600 s of simulated time with the lower-case 3200 fault', async () => {
      const { accessToken } = await connect(sim);
      const api = new Api(sim, realmId, accessToken);
      sim.clock.advance(3599_000);
      expect((await api.get(`companyinfo/${realmId}`)).json.CompanyInfo.CompanyName).to.equal('Craig & Co');
      sim.clock.advance(1000);
      const expired = await api.get(`companyinfo/${realmId}`);
      expect(expired.status).to.equal(401);
      expect(expired.json.fault.error[0]).to.include({ code: '3200', message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401' });
      expect(expired.json.fault.error[0].detail).to.match(/^Token expired/);
      expect(expired.json.time).to.be.a('number');
    });

    it('refuses unknown tokens, tokens of another realm, and tokens expired by faults.expireAccessTokens()', async () => {
      const { accessToken } = await connect(sim);
      const other = sim.createCompany({ seed: 9, customers: 1, invoices: 0 });
      expect((await new Api(sim, other, accessToken).get(`companyinfo/${other}`)).status).to.equal(401);
      expect((await new Api(sim, realmId, 'nonsense').get(`companyinfo/${realmId}`)).status).to.equal(401);
      sim.faults.expireAccessTokens();
      expect((await new Api(sim, realmId, accessToken).get(`companyinfo/${realmId}`)).status).to.equal(401);
    });

    it('revokes a refresh token: it and its access tokens stop working', async () => {
      const { accessToken, refreshToken } = await connect(sim);
      const res = await fetch(sim.revokeUrl, {
        method: 'POST',
        headers: { authorization: basicAuth(), 'content-type': 'application/json' },
        body: JSON.stringify({ token: refreshToken }),
      });
      expect(res.status).to.equal(200);
      expect((await tokenCall(sim, { grant_type: 'refresh_token', refresh_token: refreshToken })).json).to.deep.equal({ error: 'invalid_grant' });
      expect((await new Api(sim, realmId, accessToken).get(`companyinfo/${realmId}`)).status).to.equal(401);
    });

    it('can lose a refresh answer after rotating: the app keeps its old refresh token, which still works', async () => {
      const { refreshToken } = await connect(sim);
      sim.faults.loseAnswer('/oauth2/v1/tokens/bearer');
      const lost = await tokenCall(sim, { grant_type: 'refresh_token', refresh_token: refreshToken }).then(
        () => 'answered',
        (error: Error) => error.message,
      );
      expect(lost).to.equal('fetch failed');
      expect((await tokenCall(sim, { grant_type: 'refresh_token', refresh_token: refreshToken })).status).to.equal(200);
      expect(sim.tokenRequests.map((r) => [r.grantType, r.status, r.lost])).to.deep.equal([
        ['authorization_code', 200, false],
        ['refresh_token', 200, true],
        ['refresh_token', 200, false],
      ]);
    });

    it('puts an intuit_tid on every answer', async () => {
      const res = await fetch(sim.tokenUrl, { method: 'POST', body: 'grant_type=refresh_token&refresh_token=x', headers: { authorization: basicAuth() } });
      expect(res.headers.get('intuit_tid')).to.match(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
      expect(await res.json()).to.deep.equal({ error: 'invalid_grant' });
    });
  });
});
