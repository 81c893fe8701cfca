import { expect } from 'chai';
import { customersStep } from '../../../../../adapters/qbd/qbwc/steps/customers-step';
import { SCAN_STATE, vanishedCustomersStep, vanishedInvoicesStep } from '../../../../../adapters/qbd/qbwc/steps/vanished-step';
import { useStepBench } from './step-bench';

const DAY = 86_400;

describe('The vanished-records scans against a simulated QuickBooks', function () {
  this.timeout(60_000);
  const bench = useStepBench();

  async function withCustomersRead(names: readonly string[]) {
    const env = await bench.connect();
    const customers = names.map((name) => env.company.addCustomer({ name }));
    await env.run(customersStep, { routes: 1 });
    const due = (fullSync = false) => vanishedCustomersStep.isDue!({ em: bench.em(), connectionId: env.connectionId, now: env.company.clock.now(), fullSync });
    return { ...env, customers, due };
  }

  it('is not due before anything was read, even on "sync now", and planning writes no bookmark', async () => {
    const { connectionId, company, bookmark } = await bench.connect();
    expect(await vanishedInvoicesStep.isDue!({ em: bench.em(), connectionId, now: company.clock.now(), fullSync: true })).to.equal(false);
    expect(await bookmark('qbd:invoices-vanished')).to.equal(undefined);
  });

  it('is due a week after the first record was noted, or at once on "sync now", still writing nothing while planning', async () => {
    const { company, bookmark, due } = await withCustomersRead(['Kept']);
    expect(await due()).to.equal(false);
    expect(await due(true)).to.equal(true);
    company.clock.advance(7 * DAY - 60);
    expect(await due()).to.equal(false);
    company.clock.advance(60);
    expect(await due()).to.equal(true);
    expect(await bookmark('qbd:customers-vanished')).to.equal(undefined);
  });

  it('routes a delete for each record QuickBooks no longer has, and its bookmark becomes the time the scan began', async () => {
    const { company, run, bookmark, customers, due } = await withCustomersRead(['Kept', 'Vanishing']);
    company.deleteCustomer(customers[1].listId);
    company.clock.advance(8 * DAY);
    const scanAt = company.clock.now();
    const { requests, routed, result } = await run(vanishedCustomersStep, { routes: 1 });
    expect(requests[0].xml).to.include('<IncludeRetElement>ListID</IncludeRetElement>').and.include('iterator="Start"');
    expect(routed[0].map((c) => [c.item, c.operation, c.sourceId])).to.deep.equal([['customer', 'delete', customers[1].listId]]);
    expect(result).to.deep.equal({ done: true, counts: { 'customers checked': 1, 'vanished customers applied': 1 } });
    expect(await bookmark('qbd:customers-vanished')).to.equal(scanAt.toISOString());
    expect(await due()).to.equal(false);
  });

  it('carries its iterator and start time between pages, and routes only after the last page', async () => {
    const names = Array.from({ length: 1001 }, (_, i) => `Customer ${i}`);
    const { company, run, bookmark } = await withCustomersRead(names);
    company.clock.advance(8 * DAY);
    const first = await run(vanishedCustomersStep);
    const state = SCAN_STATE.decode(first.result.state!);
    expect(first.result).to.deep.include({ done: false, counts: { 'customers checked': 1000 } });
    expect(state.scanStart).to.equal(company.clock.now().toISOString());
    expect(await bookmark('qbd:customers-vanished')).to.equal(undefined);
    company.clock.advance(60);
    const last = await run(vanishedCustomersStep, { routes: 1, state: first.result.state });
    expect(last.requests[0].xml).to.include(`iteratorID="${state.iteratorId}"`);
    expect(last.routed[0]).to.deep.equal([]);
    expect(await bookmark('qbd:customers-vanished'), 'the scan began on its first page').to.equal(state.scanStart);
  });

  describe('every request', () => {
    it('is one the qbXML schema accepts', async function () {
      await bench.checkSchema(this);
    });
  });
});
