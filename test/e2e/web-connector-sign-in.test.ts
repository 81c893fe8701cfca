import { expect } from 'chai';
import { readQwc } from '../simulators/qbwc/qwc-reader';
import { qbwcEnvelope, readSoapAnswer } from '../simulators/qbwc/soap-envelope';
import { WebConnector } from '../simulators/qbwc/web-connector';
import { SIGN_IN_THROTTLE } from '../../adapters/qbd/qbwc/sign-in';
import { fetchFrom } from '../support/fetch-from-address';
import { TestService, startTestService } from '../support/test-service';
import { COMPANY_PATH, WEB_CONNECTOR_TESTS_START, connectWebConnector } from './web-connector-fixture';

/** How a Web Connector signs in: throttled wrong passwords, unknown users, old versions, a paused connection. */
describe('The Web Connector against the running service (over HTTP)', function () {
  this.timeout(60_000);
  let test: TestService;
  let now = WEB_CONNECTOR_TESTS_START;
  const advanceMinutes = (m: number) => (now += m * 60_000);

  before(async () => {
    test = await startTestService({}, () => new Date(now));
  });
  after(async () => {
    await test?.stop();
  });

  const connect = (companyFilePath = COMPANY_PATH) => connectWebConnector(test.url, now, companyFilePath);

  describe('authentication', () => {
    it('never locks the right password out: after 1,000 wrong ones from one address it works from another at once, from the same within a minute, and the partner sees the refusals', async () => {
      const { api, connection, connector } = await connect();
      const attacker = fetchFrom('127.0.0.2');
      const authenticate = async (password: string, from: typeof fetch) => {
        const res = await from(`${test.url}/qbwc`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/xml; charset=utf-8' },
          body: qbwcEnvelope('authenticate', [
            ['strUserName', connection.install.username],
            ['strPassword', password],
          ]),
        });
        return readSoapAnswer(await res.text(), 'authenticate').result as string[];
      };
      const answers: string[] = [];
      for (let batch = 0; batch < 50; batch++) {
        answers.push(...(await Promise.all(Array.from({ length: 20 }, (_, i) => authenticate(`wrong-${batch}-${i}`, attacker)))).map((a) => a[1]));
      }
      expect(answers.filter((a) => a === 'nvu').length).to.equal(SIGN_IN_THROTTLE.failures);
      expect(answers.filter((a) => a === 'busy').length).to.equal(1000 - SIGN_IN_THROTTLE.failures);
      // Another computer, same user, right password: in at once.
      const other = await connector(undefined, undefined, { fetchImpl: fetchFrom('127.0.0.3') }).runSession();
      expect(other.authenticate[1]).to.equal(COMPANY_PATH);
      expect(other.ended).to.equal('closed');
      // The throttled address is asked to come back when its window ends, and then gets in.
      const throttled = await authenticate(connection.install.password, attacker);
      expect(throttled[1]).to.equal('busy');
      expect(Number(throttled[2])).to.be.within(1, SIGN_IN_THROTTLE.windowSeconds);
      advanceMinutes(1);
      const same = await connector(undefined, undefined, { fetchImpl: attacker }).runSession();
      expect(same.authenticate[1]).to.equal(COMPANY_PATH);
      const seen = (await api.call('GET', `/api/connections/${connection.id}`)).body;
      expect(seen.signIns).to.deep.include({ refused: SIGN_IN_THROTTLE.failures, lastRefusedFrom: '127.0.0.2' });
      expect(seen.signIns.lastRefusedAt).to.be.a('string');
      expect(seen.status).to.equal('connected');
    });

    it('answers nvu to an unknown user, and an old Web Connector is stopped at clientVersion', async () => {
      const { qwcText, quickBooks, desktop } = await connect();
      const stranger = new WebConnector({ qwc: readQwc(qwcText.replace(/<UserName>[^<]+</, '<UserName>nobody<')), password: 'x', quickBooks, desktop });
      expect((await stranger.runSession()).authenticate[1]).to.equal('nvu');
      const old = new WebConnector({ qwc: readQwc(qwcText), password: 'x', quickBooks, desktop, version: '1.5.0.0' });
      const outcome = await old.runSession();
      expect(outcome.ended).to.equal('client-version');
      expect(outcome.lastError).to.match(/^E:This QuickBooks Web Connector \(1\.5\.0\.0\) is too old/);
    });

    it('answers none, with a postpone, while the partner has paused the connection, and syncs again once resumed', async () => {
      const { api, connection, connector } = await connect();
      const paused = await api.call('POST', `/api/connections/${connection.id}/pause`);
      expect(paused.status).to.equal(200);
      expect(paused.body).to.deep.include({ status: 'paused' });
      expect(paused.body.health.state).to.equal('paused');
      const outcome = await connector().runSession();
      expect(outcome.authenticate[1]).to.equal('none');
      expect(outcome.postponeSeconds).to.equal(3600);
      expect((await api.call('GET', `/api/connections/${connection.id}`)).body).to.deep.include({ status: 'paused', lastSyncAt: null });

      const resumed = await api.call('POST', `/api/connections/${connection.id}/resume`);
      expect(resumed.body.status).to.equal('pending'); // never synced before it was paused
      expect((await connector().runSession()).ended).to.equal('closed');
      expect((await api.call('GET', `/api/connections/${connection.id}`)).body.status).to.equal('connected');
      const pausedAgain = await api.call('POST', `/api/connections/${connection.id}/pause`);
      expect(pausedAgain.body.status).to.equal('paused');
      expect((await api.call('POST', `/api/connections/${connection.id}/resume`)).body.status).to.equal('connected');
    });

    it('keeps a connection paused when the session that was running fails after the pause, and shows why', async () => {
      const { api, connection } = await connect();
      const call = async (method: string, params: readonly (readonly [string, string])[]) => {
        const res = await fetch(`${test.url}/qbwc`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/xml; charset=utf-8' },
          body: qbwcEnvelope(method, params),
        });
        return readSoapAnswer(await res.text(), method).result;
      };
      const [ticket] = (await call('authenticate', [
        ['strUserName', connection.install.username],
        ['strPassword', connection.install.password],
      ])) as string[];
      expect((await api.call('POST', `/api/connections/${connection.id}/pause`)).body.status).to.equal('paused');
      const answer = await call('connectionError', [
        ['ticket', ticket],
        ['hresult', '0x80040408'],
        ['message', 'Could not start QuickBooks.'],
      ]);
      expect(answer).to.be.a('string');
      const shown = (await api.call('GET', `/api/connections/${connection.id}`)).body;
      expect(shown.status).to.equal('paused');
      expect(shown.lastError?.message).to.be.a('string').and.not.equal('');
    });
  });
});
