import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimatesOf } from '../../adapters/alternative/store/estimate-ledger';
import { packageRoot } from '../../core/runtime/package-root';
import { sendSql } from '../../core/store/send-sql';
import { Money } from '../../core/values/money';
import { TestClock, connectedCompany } from '../support/connected-company';
import { PartnerApi } from '../support/partner-api';
import { schemaAvailability, schemaErrors } from '../support/qbxml-schema';
import { GOOD_DEFAULTS, writeConfigDir } from '../support/test-config-dir';
import { TestService, startTestService } from '../support/test-service';

const READS_ESTIMATES = '3d9a7c1e-6b2f-4e8a-b5d4-2c1f0e9a8b7d';

/** The EstimateQueryRq documents QuickBooks was sent. */
const estimateRequests = (log: readonly { requestXml: string }[]) => log.map((l) => l.requestXml).filter((x) => x.includes('<EstimateQueryRq'));

describe("Estimates: read from QuickBooks into the platform's estimates, only for a partner whose file lets them flow", function () {
  this.timeout(120_000);
  let test: TestService;
  let readsEstimates: PartnerApi;
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const database = () => test.service.database.orm.em.fork() as EntityManager;

  before(async () => {
    const example = JSON.parse(readFileSync(join(packageRoot(), 'config/examples/partner-reads-estimates.json'), 'utf8'));
    const configDir = writeConfigDir({ 'defaults.json': GOOD_DEFAULTS, 'partners/reads-estimates.json': { ...example, partnerId: READS_ESTIMATES } });
    test = await startTestService({ CONFIG_DIR: configDir }, clock.read);
    readsEstimates = await PartnerApi.createPartner(test.url, 'Reads Estimates', READS_ESTIMATES);
  });
  after(async () => {
    await test?.stop();
  });

  /** A company with 30 estimates, for the partner with the file (`true`) or a new partner on the defaults. */
  const setup = (withFile: boolean) =>
    connectedCompany(test, clock, { seed: 73, customers: 8, invoices: 20, years: 1, estimates: 30 }, withFile ? { api: readsEstimates } : {});

  /** What QuickBooks holds, keyed by TxnID, in the platform's terms. */
  function inQuickBooks(company: Awaited<ReturnType<typeof setup>>['company']) {
    return Object.fromEntries(
      [...company.estimates.values()].map((e) => [
        e.txnId,
        {
          number: e.refNumber,
          customer: e.customerId,
          active: e.isActive,
          subtotal: company.estimateSubtotal(e),
          tax: e.salesTaxTotal,
          total: company.estimateTotal(e),
          lines: e.lines.map((l) => l.amount),
        },
      ]),
    );
  }

  /** What the platform's estimates table holds for the connection, in the same shape. */
  async function onPlatform(connectionId: string) {
    const em = database();
    const rows = await estimatesOf(em, connectionId);
    const lines = await sendSql<{ source_id: string; amount: Money }[]>(
      em,
      'select e.source_id, l.amount::text as amount from alt_estimate_line l join alt_estimate e on e.id = l.estimate_id where e.connection_id = ? order by l.position',
      [connectionId],
    );
    return Object.fromEntries(
      rows.map((r) => [
        r.source_id,
        {
          number: r.number ?? undefined,
          customer: r.customer_source_id,
          active: r.is_active,
          subtotal: r.subtotal,
          tax: r.sales_tax,
          total: r.total,
          lines: lines.filter((l) => l.source_id === r.source_id).map((l) => l.amount),
        },
      ]),
    );
  }

  it('puts every estimate of the company into the platform at the first sync, amounts and lines exact', async () => {
    const { connection, connector, company, quickBooks } = await setup(true);
    expect((await connector.runSession()).ended).to.equal('closed');
    const platform = await onPlatform(connection.id);
    expect(Object.keys(platform)).to.have.length(30);
    expect(platform).to.deep.equal(inQuickBooks(company));
    const requests = estimateRequests(quickBooks.log);
    expect(requests).to.have.length(1);
    expect(requests[0])
      .to.include('iterator="Start"')
      .and.to.include('<MaxReturned>250</MaxReturned>')
      .and.to.include('<IncludeLineItems>true</IncludeLineItems>');
  });

  it('updates an estimate changed in QuickBooks at the next sync, and asks only for what changed since the last one', async () => {
    const { connection, connector, company, quickBooks, later } = await setup(true);
    await connector.runSession();
    const [first] = [...company.estimates.values()];
    later(30);
    company.editEstimate(first.txnId, {
      memo: 'Revised quote',
      lines: [{ itemName: 'Consulting', desc: 'Revised', quantity: '3', rate: '125.50' as Money, amount: '376.50' as Money }],
    });
    later(30);
    const sent = quickBooks.log.length;
    expect((await connector.runSession()).ended).to.equal('closed');
    const platform = await onPlatform(connection.id);
    expect(platform[first.txnId]).to.deep.include({ subtotal: '376.50', lines: ['376.50'] });
    expect(platform[first.txnId].total).to.equal(company.estimateTotal(first));
    expect(platform).to.deep.equal(inQuickBooks(company));
    const incremental = estimateRequests(quickBooks.log.slice(sent));
    expect(incremental).to.have.length(1);
    expect(incremental[0]).to.include('<ModifiedDateRangeFilter>');
  });

  it('sends no EstimateQueryRq at all to a partner without the file, and the platform holds no estimate', async () => {
    const { connection, connector, company, quickBooks, later } = await setup(false);
    expect((await connector.runSession()).ended).to.equal('closed');
    later(30);
    company.editEstimate([...company.estimates.keys()][0], { memo: 'Changed' });
    later(30);
    expect((await connector.runSession()).ended).to.equal('closed');
    expect(quickBooks.log.length).to.be.greaterThan(0);
    expect(estimateRequests(quickBooks.log)).to.deep.equal([]);
    expect(await onPlatform(connection.id)).to.deep.equal({});
  });

  it('sends EstimateQueryRq requests that are valid against the qbXML 13.0 schema', async function () {
    if (!schemaAvailability().available) this.skip();
    const { connector, company, quickBooks, later } = await setup(true);
    await connector.runSession();
    later(30);
    company.editEstimate([...company.estimates.keys()][1], { memo: 'Changed' });
    await connector.runSession();
    const requests = estimateRequests(quickBooks.log).map((xml, i) => ({ name: `estimate request ${i}`, xml }));
    expect(requests).to.have.length(2);
    expect(Object.fromEntries(await schemaErrors(requests))).to.deep.equal({});
  });
});
