import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/runtime/package-root';
import { readQwc } from '../simulators/qbwc/qwc-reader';
import { TestClock, connectedCompany } from '../support/connected-company';
import { PartnerApi } from '../support/partner-api';
import { GOOD_DEFAULTS, writeConfigDir } from '../support/test-config-dir';
import { TestService, startTestService } from '../support/test-service';

const EVERY_15 = '2b7e4c1a-5d3f-4a8e-9b6c-1f0e2d3c4b5a';
const SHORT_HISTORY = '7c3a9e2d-1b4f-4c6a-8e5d-0a9b8c7d6e5f';
const EXAMPLE = '4e8d2a6c-9f1b-4d3e-a7c5-3b2a1f0e9d8c';
const SMALL_PAGES = '5d1f3b7a-2c4e-4f6a-8b9d-6e5c4b3a2f1e';

/** The FromTxnDate/ToTxnDate of each window the first sync opened (an InvoiceQueryRq starting an iterator by date). */
function invoiceWindows(log: readonly { requestXml: string }[]): { from: string; to?: string }[] {
  return log
    .map((l) => l.requestXml)
    .filter((x) => x.includes('<InvoiceQueryRq') && x.includes('iterator="Start"') && x.includes('TxnDateRangeFilter'))
    .map((x) => ({ from: /<FromTxnDate>([^<]+)/.exec(x)![1], ...(/<ToTxnDate>([^<]+)/.exec(x) ? { to: /<ToTxnDate>([^<]+)/.exec(x)![1] } : {}) }));
}

describe("Sync settings: a partner file's sync block reaches its connections", function () {
  this.timeout(120_000);
  let test: TestService;
  const partners: Record<string, PartnerApi> = {};
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());

  before(async () => {
    const example = JSON.parse(readFileSync(join(packageRoot(), 'config/examples/partner-creates-customers-in-qbd.json'), 'utf8'));
    const configDir = writeConfigDir({
      'defaults.json': GOOD_DEFAULTS,
      'partners/every-15.json': { partnerId: EVERY_15, sync: { intervalMinutes: 15, initialWindowMonths: 6 } },
      'partners/short-history.json': { partnerId: SHORT_HISTORY, sync: { historyWindowMonths: 3 } },
      'partners/example.json': { ...example, partnerId: EXAMPLE },
      'partners/small-pages.json': { partnerId: SMALL_PAGES, sync: { pageSize: 20 } },
    });
    test = await startTestService({ CONFIG_DIR: configDir }, clock.read);
    for (const [name, id] of Object.entries({ EVERY_15, SHORT_HISTORY, EXAMPLE, SMALL_PAGES }))
      partners[id] = await PartnerApi.createPartner(test.url, name, id);
  });
  after(async () => {
    await test?.stop();
  });

  /** A company with three years of invoices, for the partner named (a new partner on the defaults without one). */
  const setup = (partnerId?: string) =>
    connectedCompany(test, clock, { seed: 61, customers: 10, invoices: 60, years: 3 }, partnerId ? { api: partners[partnerId] } : {});
  const qwcOf = async (connection: { install: { qwcUrl: string } }) => readQwc(await (await fetch(connection.install.qwcUrl)).text());

  it("gives the partner's new connections its 15 minutes: in the API answer, the QWC file and what authenticate tells the Web Connector", async () => {
    const { connection, connector } = await setup(EVERY_15);
    expect(connection.settings.syncIntervalMinutes).to.equal(15);
    expect((await qwcOf(connection)).runEveryMinutes).to.equal(15);
    expect((await connector.runSession()).minimumRunSeconds).to.equal(15 * 60);
  });

  it("reads the partner's 6 months first, then history 12 months at a time", async () => {
    const { connector, quickBooks } = await setup(EVERY_15);
    expect((await connector.runSession()).ended).to.equal('closed');
    const windows = invoiceWindows(quickBooks.log);
    expect(windows.slice(0, 2)).to.deep.equal([{ from: '2026-05-25' }, { from: '2025-05-24', to: '2026-05-24' }]);
  });

  it('keeps 5 minutes and the last 12 months for a partner without a file', async () => {
    const { connection, connector, quickBooks } = await setup();
    expect(connection.settings.syncIntervalMinutes).to.equal(5);
    expect((await qwcOf(connection)).runEveryMinutes).to.equal(5);
    const outcome = await connector.runSession();
    expect(outcome.minimumRunSeconds).to.equal(5 * 60);
    expect(invoiceWindows(quickBooks.log).slice(0, 2)).to.deep.equal([{ from: '2025-11-25' }, { from: '2024-11-24', to: '2025-11-24' }]);
  });

  it("reads history in the partner's 3-month windows after the default 12 months", async () => {
    const { connector, quickBooks } = await setup(SHORT_HISTORY);
    expect((await connector.runSession()).ended).to.equal('closed');
    expect(invoiceWindows(quickBooks.log).slice(0, 3)).to.deep.equal([
      { from: '2025-11-25' },
      { from: '2025-08-24', to: '2025-11-24' },
      { from: '2025-05-23', to: '2025-08-23' },
    ]);
  });

  it("lets the connection's own interval, once the partner changes it, win over the partner file", async () => {
    const { api, connection, connector } = await setup(EVERY_15);
    expect((await api.call('PATCH', `/api/connections/${connection.id}/settings`, { syncIntervalMinutes: 30 })).status).to.equal(200);
    expect((await qwcOf(connection)).runEveryMinutes).to.equal(30);
    expect((await connector.runSession()).minimumRunSeconds).to.equal(30 * 60);
  });

  it('makes the example partner-creates-customers-in-qbd.json poll every 15 minutes, as it says', async () => {
    const { connection } = await setup(EXAMPLE);
    expect(connection.settings.syncIntervalMinutes).to.equal(15);
    expect((await qwcOf(connection)).runEveryMinutes).to.equal(15);
  });

  it("asks QuickBooks for the partner's page size, and reads every record in those pages", async () => {
    // MaxReturned of every paged read of whole records (ID-only scans, which ask for IncludeRetElement, page on their own).
    const pageSizes = (log: readonly { requestXml: string }[], query: string) =>
      new Set(
        log
          .flatMap((l) => l.requestXml.match(new RegExp(`<${query} [^>]*iterator=[\\s\\S]*?</${query}>`, 'g')) ?? [])
          .filter((rq) => !rq.includes('IncludeRetElement'))
          .map((rq) => Number(/<MaxReturned>(\d+)/.exec(rq)?.[1])),
      );
    const small = await setup(SMALL_PAGES);
    expect((await small.connector.runSession()).ended).to.equal('closed');
    expect(pageSizes(small.quickBooks.log, 'InvoiceQueryRq')).to.deep.equal(new Set([20]));
    expect(pageSizes(small.quickBooks.log, 'CustomerQueryRq')).to.deep.equal(new Set([20]));
    const usual = await setup();
    expect((await usual.connector.runSession()).ended).to.equal('closed');
    expect(pageSizes(usual.quickBooks.log, 'InvoiceQueryRq')).to.deep.equal(new Set([250]));
    // 60 invoices and 10 customers in pages of 20: more round trips than the default's, the same records.
    expect(small.quickBooks.log.length).to.be.greaterThan(usual.quickBooks.log.length);
    const invoices = async (c: typeof small) =>
      ((await c.api.call('GET', `/api/connections/${c.connection.id}/invoices?limit=200`)).body as { items: unknown[] }).items.length;
    expect(await invoices(small))
      .to.equal(await invoices(usual))
      .and.to.be.greaterThan(20);
  });
});
