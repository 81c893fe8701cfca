import { expect } from 'chai';
import { qbwcEnvelope, readSoapAnswer } from '../simulators/qbwc/soap-envelope';
import { LEASE_IDLE_SECONDS } from '../../adapters/qbd/qbwc/session-timing';
import { TestService, startTestService } from '../support/test-service';
import { COMPANY_PATH, WEB_CONNECTOR_TESTS_START, connectWebConnector, expectFinished } from './web-connector-fixture';

/** Sessions from start to end: the first one, settings, auto-run, several installs and tickets. */
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
});
