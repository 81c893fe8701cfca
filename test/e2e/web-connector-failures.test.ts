import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { qbdCompany } from '../../adapters/qbd/store/qbd-company-store';
import { QuickBooksSimulator } from '../simulators/qbd/quickbooks-simulator';
import { TestService, startTestService } from '../support/test-service';
import { COMPANY_PATH, WEB_CONNECTOR_TESTS_START, connectWebConnector, expectFinished } from './web-connector-fixture';

/** Sessions that go wrong: QuickBooks cannot be opened, rejects a request, or the network loses or repeats a call. */
describe('The Web Connector against the running service (over HTTP)', function () {
  this.timeout(60_000);
  let test: TestService;
  const now = WEB_CONNECTOR_TESTS_START;

  before(async () => {
    test = await startTestService({}, () => new Date(now));
  });
  after(async () => {
    await test?.stop();
  });

  const connect = (companyFilePath = COMPANY_PATH) => connectWebConnector(test.url, now, companyFilePath);

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

    it("refuses the company file of another connection (its FileID), records none of QuickBooks' facts, and says what to do", async () => {
      const first = await connect();
      expect((await first.connector().runSession()).closeMessage).to.match(/^Complete/);
      // A second connection's Web Connector opens the first one's company file.
      const { api, connection, connector } = await connect();
      const outcome = await connector(undefined, undefined, { quickBooks: first.quickBooks }).runSession();
      expect(outcome.closeMessage).to.match(/different company file/);
      const shown = (await api.call('GET', `/api/connections/${connection.id}`)).body;
      expect(shown.lastError.message).to.match(
        /^The Web Connector opened a different company file .* Open the right company, or set its path on the connection\.$/,
      );
      const company = await qbdCompany(test.service.database.orm.em.fork() as unknown as EntityManager, connection.id as string);
      expect(company).to.include({ product_name: null, company_file_name: null });
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
});
