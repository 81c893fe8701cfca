import { expect } from 'chai';
import { accountsStep } from '../../../../../adapters/qbd/qbwc/steps/accounts-step';
import { customersStep } from '../../../../../adapters/qbd/qbwc/steps/customers-step';
import { BUILT_IN_SYNC } from '../../../../../core/config/app-config';
import { deletedCustomersStep } from '../../../../../adapters/qbd/qbwc/steps/deletions-step';
import type { QbxmlEvent } from '../../../../../adapters/qbd/qbxml/reader/qbxml-events';
import { accountsOf } from '../../../../../adapters/qbd/store/account-store';
import { useStepBench } from './step-bench';

describe('The list steps against a simulated QuickBooks', function () {
  this.timeout(60_000);
  const bench = useStepBench();

  describe('accounts', () => {
    it('stores the chart of accounts, active and inactive, and routes nothing', async () => {
      const { company, connectionId, run } = await bench.connect();
      const inactive = company.addAccount({ name: 'Old Bank', accountType: 'Bank', isActive: false });
      const { requests, result } = await run(accountsStep);
      expect(requests[0].xml).to.include('<ActiveStatus>All</ActiveStatus>');
      expect(result).to.deep.equal({ done: true, counts: { accounts: company.accounts.size } });
      const stored = await accountsOf(bench.em(), connectionId);
      expect(stored.map((a) => a.list_id)).to.have.members([...company.accounts.keys()]);
      expect(stored.find((a) => a.list_id === inactive.listId)).to.deep.include({ name: 'Old Bank', is_active: false });
    });
  });

  describe('customers', () => {
    it('routes every customer the first time, and moves its bookmark to the latest TimeModified only when the iteration ends', async () => {
      const { company, run, bookmark } = await bench.connect();
      for (let i = 0; i <= BUILT_IN_SYNC.pageSize; i++) {
        company.addCustomer({ name: `Customer ${i}` });
        company.clock.advance(1);
      }
      const first = await run(customersStep, { routes: 1 });
      expect(first.requests[0].xml).to.include('iterator="Start"').and.not.include('FromModifiedDate');
      expect(first.result.done).to.equal(false);
      expect(first.result.state).to.have.keys('iteratorId', 'latest', 'found');
      expect(first.routed[0]).to.have.length(BUILT_IN_SYNC.pageSize);
      expect(await bookmark('qbd:customers'), 'no bookmark while pages remain').to.equal(undefined);

      const last = await run(customersStep, { routes: 1, state: first.result.state });
      expect(last.requests[0].xml).to.include('iterator="Continue"');
      expect(last.result).to.deep.include({ done: true, counts: { 'customers applied': 1 } });
      expect(last.result.state).to.equal(undefined);
      const newest = [...company.customers.values()].at(-1)!;
      expect(last.routed[0].map((c) => c.sourceId)).to.deep.equal([newest.listId]);
      expect(await bookmark('qbd:customers')).to.equal(latestOf({ events: [...first.events, ...last.events] }));
    });

    it('asks only for what changed since three hours before its bookmark, and routes what it reads again there unchanged', async () => {
      const { company, run, bookmark } = await bench.connect();
      const early = company.addCustomer({ name: 'Early' });
      await run(customersStep, { routes: 1 });
      const stored = (await bookmark('qbd:customers'))!;
      company.clock.advance(6 * 3600);
      const again = await run(customersStep, { routes: 1 });
      expect(fromDateOf(again.requests[0].xml, 'FromModifiedDate')).to.equal(Date.parse(stored) - THREE_HOURS);
      expect(again.routed[0].map((c) => c.sourceId)).to.deep.equal([early.listId]);
      expect(await bookmark('qbd:customers')).to.equal(stored);
    });
  });

  describe('deleted customers', () => {
    it('routes a delete for each deletion in the log, and keeps the latest TimeDeleted as its bookmark', async () => {
      const { company, run, bookmark } = await bench.connect();
      const [a, b] = [company.addCustomer({ name: 'Gone A' }), company.addCustomer({ name: 'Gone B' })];
      company.clock.advance(60);
      company.deleteCustomer(a.listId);
      company.clock.advance(60);
      company.deleteCustomer(b.listId);
      const { requests, routed, result } = await run(deletedCustomersStep, { routes: 1 });
      expect(requests[0].xml).to.include('<ListDelType>Customer</ListDelType>').and.not.include('DeletedDateRangeFilter');
      expect(routed[0].map((c) => [c.operation, c.sourceId])).to.deep.equal([
        ['delete', a.listId],
        ['delete', b.listId],
      ]);
      expect(result.counts).to.deep.equal({ 'deleted customers applied': 2 });
      const latest = company.deletedLists.at(-1)!;
      expect(Date.parse((await bookmark('qbd:customers-deleted'))!)).to.equal(latest.deleted.getTime());
    });

    it('reads from three hours before its bookmark, and keeps it when the log has nothing newer', async () => {
      const { company, run, bookmark } = await bench.connect();
      company.deleteCustomer(company.addCustomer({ name: 'Gone' }).listId);
      await run(deletedCustomersStep, { routes: 1 });
      const stored = (await bookmark('qbd:customers-deleted'))!;
      company.clock.advance(5 * 3600);
      const again = await run(deletedCustomersStep, { routes: 1 });
      expect(fromDateOf(again.requests[0].xml, 'FromDeletedDate')).to.equal(Date.parse(stored) - THREE_HOURS);
      expect(await bookmark('qbd:customers-deleted')).to.equal(stored);
    });
  });

  // Mocha runs a suite's own tests before its inner suites: this one comes last in a suite of its own.
  describe('every request', () => {
    it('is one the qbXML schema accepts', async function () {
      await bench.checkSchema(this);
    });
  });
});

const THREE_HOURS = 3 * 3600_000;

/** The instant a date filter of a request starts at. */
function fromDateOf(xml: string, element: string): number {
  return Date.parse(new RegExp(`<${element}>([^<]+)</${element}>`).exec(xml)![1]);
}

/** The latest TimeModified of the records answers carried, as QuickBooks wrote it. */
function latestOf(run: { events: readonly QbxmlEvent[] }): string {
  const stamps = run.events.flatMap((e) => (e.kind === 'record' && 'timeModified' in e.record ? [String(e.record.timeModified)] : []));
  return stamps.sort((x, y) => Date.parse(x) - Date.parse(y)).at(-1)!;
}
