import { expect } from 'chai';
import { generateCompany } from '../simulators/qbd/company-generator';
import { QuickBooksSimulator } from '../simulators/qbd/quickbooks-simulator';
import { readQwc } from '../simulators/qbwc/qwc-reader';
import { qbwcEnvelope, readSoapAnswer } from '../simulators/qbwc/soap-envelope';
import { DesktopState, WebConnector, WebConnectorOptions } from '../simulators/qbwc/web-connector';
import { PartnerApi } from '../support/partner-api';
import { LEASE_IDLE_SECONDS } from '../../adapters/qbd/qbwc/qbwc-service';
import { SIGN_IN_THROTTLE } from '../../adapters/qbd/qbwc/sign-in';
import { fetchFrom } from '../support/fetch-from-address';
import { spawnService } from '../support/service-process';
import { TEST_ADMIN_TOKEN, TestService, startTestService } from '../support/test-service';

/** A whole session's percents: they only grow, and the last is 100. */
function expectFinished(percents: readonly number[]): void {
  expect(percents.length).to.be.greaterThan(0);
  expect(percents).to.deep.equal([...percents].sort((a, b) => a - b));
  expect(percents[percents.length - 1]).to.equal(100);
  expect(percents.slice(0, -1).every((p) => p < 100)).to.equal(true);
}

const COMPANY_PATH = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Acme.QBW';

describe('The Web Connector against the running service (over HTTP)', function () {
  this.timeout(60_000);
  let test: TestService;
  let now = new Date('2026-11-25T15:00:00Z').getTime();
  const advanceMinutes = (m: number) => (now += m * 60_000);

  before(async () => {
    test = await startTestService({}, () => new Date(now));
  });
  after(async () => {
    await test?.stop();
  });

  async function connect(companyFilePath = COMPANY_PATH) {
    const api = await PartnerApi.createPartner(test.url);
    const created = await api.call('POST', '/api/connections', { companyName: 'Acme Books', companyFilePath });
    expect(created.status).to.equal(201);
    const qwcText = await (await fetch(created.body.install.qwcUrl)).text();
    const quickBooks = new QuickBooksSimulator(generateCompany({ seed: 3, customers: 10, invoices: 20, years: 1, now: new Date(now) }));
    const desktop: DesktopState = { companyFilePath: COMPANY_PATH, isRunning: true };
    const connector = (password = created.body.install.password as string, install = created.body.install, overrides: Partial<WebConnectorOptions> = {}) =>
      new WebConnector({
        qwc: readQwc(qwcText.replace(/<UserName>[^<]+</, `<UserName>${install.username}<`)),
        password,
        quickBooks,
        desktop,
        noOpPauseMs: 10,
        ...overrides,
      });
    return { api, connection: created.body, qwcText, quickBooks, desktop, connector };
  }

  describe('the first session of a new connection', () => {
    it('authenticates with the unique password, reads the chart of accounts, and finishes at 100', async () => {
      const { api, connection, connector, quickBooks } = await connect();
      expect(connection).to.include({ status: 'pending', lastAuthenticatedAt: null });
      const outcome = await connector().runSession();
      expect(outcome.ended).to.equal('closed');
      expect(outcome.authenticate.slice(1)).to.deep.equal([COMPANY_PATH, '', '300']);
      expectFinished(outcome.percents);
      // The summary's parts come in no fixed order (PostgreSQL's jsonb keeps its own).
      expect(outcome.closeMessage).to.match(/^Complete: .* in \d+ request\(s\)\.$/);
      expect(outcome.closeMessage)
        .to.include(`${quickBooks.company.accounts.size} accounts`)
        .and.include(`${quickBooks.company.customers.size} customers applied`);
      expect(outcome.closeMessage).to.include(`${quickBooks.company.invoices.size} invoices applied`).and.include(`in ${outcome.percents.length} request(s)`);
      const methods = outcome.calls.map((c) => c.method);
      expect(methods.slice(0, 3)).to.deep.equal(['serverVersion', 'clientVersion', 'authenticate']);
      expect(methods.slice(3, -1)).to.deep.equal(Array(outcome.percents.length).fill(['sendRequestXML', 'receiveResponseXML']).flat());
      expect(methods[methods.length - 1]).to.equal('closeConnection');

      const shown = (await api.call('GET', `/api/connections/${connection.id}`)).body;
      expect(shown).to.deep.include({ status: 'connected', lastError: null });
      // The session's counts stay with its progress, for the partner's page.
      expect(shown.progress).to.deep.include({ percent: 100, phase: 'done' });
      expect(shown.progress.counts).to.include({
        'invoices applied': quickBooks.company.invoices.size,
        'customers applied': quickBooks.company.customers.size,
      });
      expect(Date.parse(shown.lastAuthenticatedAt)).to.equal(now);
      const accounts = (await api.call('GET', `/api/connections/${connection.id}/accounts`)).body;
      expect(accounts.map((a: { name: string }) => a.name)).to.have.members([...quickBooks.company.accounts.values()].map((a) => a.name));
    });

    it('sends a request QuickBooks accepts, in the version QuickBooks reported', async () => {
      const { connector, quickBooks } = await connect();
      quickBooks.company.clock.set(new Date(now));
      await connector().runSession();
      const sent = quickBooks.log.map((l) => l.requestXml);
      expect(sent.length).to.be.at.least(6);
      expect(sent[0])
        .to.include('<?qbxml version="13.0"?>')
        .and.match(/<AccountQueryRq requestID="accounts-\d+-1-[0-9a-f]{8}"><ActiveStatus>All<\/ActiveStatus><\/AccountQueryRq>/);
    });
  });

  describe('settings', () => {
    it('accept Undeposited Funds for payments and a bank for deposits, and refuse an expense account', async () => {
      const { api, connection, connector } = await connect();
      await connector().runSession();
      const accounts = (await api.call('GET', `/api/connections/${connection.id}/accounts`)).body as { id: string; name: string }[];
      const id = (name: string) => accounts.find((a) => a.name === name)!.id;
      const ok = await api.call('PATCH', `/api/connections/${connection.id}/settings`, {
        paymentAccountId: id('Undeposited Funds'),
        depositAccountId: id('Checking'),
      });
      expect(ok.status).to.equal(200);
      expect(ok.body.settings).to.deep.equal({ paymentAccountId: id('Undeposited Funds'), depositAccountId: id('Checking'), syncIntervalMinutes: 5 });
      const expense = await api.call('PATCH', `/api/connections/${connection.id}/settings`, { paymentAccountId: id('Merchant Fees') });
      expect(expense.status).to.equal(422);
      expect(expense.body.error.message).to.match(/Merchant Fees" is an expense account; choose Undeposited Funds \(recommended\) or a bank account/);
      const undepositedAsDeposit = await api.call('PATCH', `/api/connections/${connection.id}/settings`, { depositAccountId: id('Undeposited Funds') });
      expect(undepositedAsDeposit.status).to.equal(422);
    });

    it('say how to apply a lower interval in the Web Connector, and raise QBWC to a higher one', async () => {
      const { api, connection, connector } = await connect();
      const raised = await api.call('PATCH', `/api/connections/${connection.id}/settings`, { syncIntervalMinutes: 30 });
      expect(raised.body.notice).to.equal(undefined);
      expect((await connector().runSession()).minimumRunSeconds).to.equal(1800);
      const lowered = await api.call('PATCH', `/api/connections/${connection.id}/settings`, { syncIntervalMinutes: 2 });
      expect(lowered.body.notice).to.match(/can only raise it/);
      expect((await api.call('PATCH', `/api/connections/${connection.id}/settings`, { syncIntervalMinutes: 0 })).status).to.equal(422);
    });
  });

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

    it('answers none, with a postpone, while the connection is paused', async () => {
      const { connection, connector } = await connect();
      await test.service.database.orm.em.fork().getConnection().execute(`update connection set status = 'paused' where id = '${connection.id}'`);
      const outcome = await connector().runSession();
      expect(outcome.authenticate[1]).to.equal('none');
      expect(outcome.postponeSeconds).to.equal(3600);
    });
  });

  describe('auto-run', () => {
    it("waits the service's minimum interval between sessions, and a postpone after busy", async () => {
      const { api, connection, connector } = await connect();
      const second = (await api.call('POST', `/api/connections/${connection.id}/installs`)).body;
      await connector().runSession({ dropAfterRequest: 1 });
      const runs = await connector(second.password, second).runForever({ sessions: 2, secondsToMs: 0.01, faults: { stallMs: 5 } });
      expect(runs.map((r) => [r.outcome.authenticate[1], r.waitedSeconds])).to.deep.equal([
        ['busy', 120],
        ['busy', 120],
      ]);
      advanceMinutes(LEASE_IDLE_SECONDS / 60 + 1);
      const later = await connector(second.password, second).runForever({ sessions: 2, secondsToMs: 0.01 });
      expect(later.map((r) => [r.outcome.ended, r.waitedSeconds])).to.deep.equal([
        ['closed', 300],
        ['closed', 300],
      ]);
    });
  });

  describe('several installs for one company', () => {
    it('gives the second Web Connector busy while the first holds the company, and lets it in once the first is gone', async () => {
      const { api, connection, connector } = await connect();
      const second = (await api.call('POST', `/api/connections/${connection.id}/installs`)).body;
      expect(second.username).not.to.equal(connection.install.username);
      const first = await connector().runSession({ dropAfterRequest: 1 });
      expect(first.ended).to.equal('dropped');
      const busy = await connector(second.password, second).runSession();
      expect(busy.authenticate[1]).to.equal('busy');
      expect(busy.postponeSeconds).to.equal(120);
      // The holder's computer is gone for good: the lease lapses after its idle time, not before.
      advanceMinutes(LEASE_IDLE_SECONDS / 60 - 1);
      expect((await connector(second.password, second).runSession()).authenticate[1]).to.equal('busy');
      advanceMinutes(2);
      const later = await connector(second.password, second).runSession();
      expect(later.ended).to.equal('closed');
      expect(later.percents[later.percents.length - 1]).to.equal(100);
    });
  });

  describe('tickets', () => {
    it('die at closeConnection, are unknown when made up, and only ever act on their own connection', async () => {
      const a = await connect();
      const b = await connect();
      const outcome = await a.connector().runSession();
      const ticketA = outcome.authenticate[0];
      const send = async (ticket: string) => {
        const res = await fetch(`${test.url}/qbwc`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '"http://developer.intuit.com/sendRequestXML"' },
          body: qbwcEnvelope('sendRequestXML', [
            ['ticket', ticket],
            ['strHCPResponse', ''],
            ['strCompanyFileName', ''],
            ['qbXMLCountry', 'US'],
            ['qbXMLMajorVers', 13],
            ['qbXMLMinorVers', 0],
          ]),
        });
        return readSoapAnswer(await res.text(), 'sendRequestXML').result;
      };
      expect(await send(ticketA), 'a closed ticket').to.equal('');
      expect(await send('0123456789abcdef0123456789abcdef'), 'a made-up ticket').to.equal('');
      const bBefore = (await b.api.call('GET', `/api/connections/${b.connection.id}`)).body;
      await send(ticketA);
      expect((await b.api.call('GET', `/api/connections/${b.connection.id}`)).body).to.deep.equal(bBefore);
      expect((await a.api.call('GET', `/api/connections/${b.connection.id}`)).status, "another partner's connection").to.equal(404);
    });
  });

  describe('when QuickBooks cannot be opened', () => {
    it('retries once with the open company, then stops, and shows the partner what to do', async () => {
      const { api, connection, connector, desktop } = await connect();
      desktop.openFailure = { hresult: '0x8004041D', message: 'This application is not allowed to log into this QuickBooks company data file automatically.' };
      const outcome = await connector().runSession();
      expect(outcome.calls.filter((c) => c.method === 'connectionError').map((c) => c.result)).to.deep.equal(['', 'done']);
      expect(outcome.closeMessage).to.match(/^Stopped: This application may not log in to QuickBooks automatically/);
      const shown = (await api.call('GET', `/api/connections/${connection.id}`)).body;
      expect(shown.status).to.equal('error');
      expect(shown.lastError.code).to.equal('0x8004041D');
      expect(shown.lastError.message).to.match(/Allow this application to login automatically/);
      // The partner does what it says; the next session completes and the connection tells the truth again.
      delete desktop.openFailure;
      expect((await connector().runSession()).closeMessage).to.match(/^Complete/);
      expect((await api.call('GET', `/api/connections/${connection.id}`)).body).to.include({ status: 'connected', lastError: null });
    });

    it('a saved path that fails, then the open company that works: the session completes and the connection says connected, with no error', async () => {
      const { api, connection, connector } = await connect('C:\\Old folder\\Acme.QBW');
      const outcome = await connector().runSession();
      expect(outcome.calls.filter((c) => c.method === 'connectionError').map((c) => c.result)).to.deep.equal(['']);
      expect(outcome.closeMessage).to.match(/^Complete/);
      expect((await api.call('GET', `/api/connections/${connection.id}`)).body).to.include({ status: 'connected', lastError: null });
    });

    it('asks for the company file when QuickBooks is closed and no path was saved', async () => {
      const { connector, desktop } = await connect('');
      desktop.isRunning = false;
      const outcome = await connector().runSession();
      expect(outcome.calls.find((c) => c.method === 'connectionError')?.result).to.equal('done');
      expect(outcome.closeMessage).to.match(/QuickBooks is not running and we were not told which company file to open/);
    });
  });

  describe('when QuickBooks rejects the request or the network misbehaves', () => {
    it('returns a negative percent with a readable getLastError on an HRESULT', async () => {
      const { connector, quickBooks, connection } = await connect();
      const strict = new QuickBooksSimulator(quickBooks.company, { validate: async () => ['rejected for the test'] });
      const outcome = await connector(undefined, connection.install, { quickBooks: strict }).runSession();
      expect(outcome.percents).to.deep.equal([-1]);
      expect(outcome.lastError).to.match(/QuickBooks could not read a request we sent/);
    });

    it('treats a repeated receiveResponseXML as one answer', async () => {
      const { api, connection, connector } = await connect();
      const outcome = await connector().runSession({ repeatReceive: 1 });
      const receives = outcome.calls.filter((c) => c.method === 'receiveResponseXML').map((c) => c.result);
      expect(receives[0]).to.equal(receives[1]);
      expect(outcome.closeMessage).to.match(new RegExp(`in ${receives.length - 1} request\\(s\\)`));
      expect((await api.call('GET', `/api/connections/${connection.id}`)).body.progress).to.deep.include({ percent: 100, phase: 'done' });
    });

    it('after a lost answer the same computer runs again at once: its new sign-in supersedes the dead session', async () => {
      const { connector } = await connect();
      expect((await connector().runSession({ loseReceiveAnswer: 1 })).ended).to.equal('dropped');
      const next = await connector().runSession();
      expect(next.ended).to.equal('closed');
      expectFinished(next.percents);
    });
  });

  it('serves one session alternately from two server processes on one database', async () => {
    const { connector, connection } = await connect();
    const other = spawnService({ DATABASE_URL: test.service.database.url, ADMIN_TOKEN: TEST_ADMIN_TOKEN, DATA_DIR: '/nonexistent-not-used' });
    try {
      const otherPort = await other.listening;
      let calls = 0;
      const served: string[] = [];
      const alternating: typeof fetch = (input, init) => {
        const url = new URL(String(input));
        if (calls++ % 2 === 1) url.port = String(otherPort);
        served.push(url.port);
        return fetch(url, init);
      };
      // The second process has its own clock; keep ours at real time for this test.
      now = Date.now();
      const outcome = await connector(undefined, connection.install, { fetchImpl: alternating }).runSession();
      expect(outcome.ended).to.equal('closed');
      expectFinished(outcome.percents);
      expect(new Set(served).size).to.equal(2);
    } finally {
      other.child.kill('SIGTERM');
      await other.exited;
    }
  });

  it('refuses a SOAP body over the limit before parsing it, and keeps serving', async () => {
    const huge = qbwcEnvelope('receiveResponseXML', [
      ['ticket', 'x'],
      ['response', 'x'.repeat(33 * 1024 * 1024)],
      ['hresult', ''],
      ['message', ''],
    ]);
    const res = await fetch(`${test.url}/qbwc`, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: huge });
    expect(res.status).to.equal(500);
    expect(res.headers.get('content-type')).to.equal('text/xml; charset=utf-8');
    expect(readSoapAnswer(await res.text(), 'receiveResponseXML').fault).to.match(/larger than 33554432 bytes/);
    expect((await fetch(`${test.url}/health`)).status).to.equal(200);
  });

  it('serves the QWC file without the API key, /support, and a WSDL with our address', async () => {
    const { qwcText } = await connect();
    const qwc = readQwc(qwcText);
    const port = new URL(test.url).port;
    expect(qwc.appUrl).to.equal(`http://localhost:${port}/qbwc`);
    expect(qwc.appSupport).to.equal(`http://localhost:${port}/support`);
    expect(qwc.fields).to.include({
      QBType: 'QBFS',
      IsReadOnly: 'false',
      UnattendedModePref: 'umpRequired',
      PersonalDataPref: 'pdpNotNeeded',
      RunEveryNMinutes: '5',
    });
    expect((await fetch(`${test.url}/support`)).status).to.equal(200);
    const wsdl = await (await fetch(`${test.url}/qbwc?wsdl`)).text();
    expect(wsdl).to.include('<soap:address location="http://localhost:').and.include('soapAction="http://developer.intuit.com/authenticate"');
    expect((await fetch(`${test.url}/qwc/${'0'.repeat(48)}`)).status).to.equal(404);
  });
});
