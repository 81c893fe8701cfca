import { expect } from 'chai';
import { readQwc } from '../simulators/qbwc/qwc-reader';
import { qbwcEnvelope, readSoapAnswer } from '../simulators/qbwc/soap-envelope';
import { spawnService } from '../support/service-process';
import { TEST_ADMIN_TOKEN, TestService, startTestService } from '../support/test-service';
import { COMPANY_PATH, WEB_CONNECTOR_TESTS_START, connectWebConnector, expectFinished } from './web-connector-fixture';

/** The endpoint itself: two server processes on one database, the body limit, the QWC file, /support and the WSDL. */
describe('The Web Connector against the running service (over HTTP)', function () {
  this.timeout(60_000);
  let test: TestService;
  let now = WEB_CONNECTOR_TESTS_START;

  before(async () => {
    test = await startTestService({}, () => new Date(now));
  });
  after(async () => {
    await test?.stop();
  });

  const connect = (companyFilePath = COMPANY_PATH) => connectWebConnector(test.url, now, companyFilePath);

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
