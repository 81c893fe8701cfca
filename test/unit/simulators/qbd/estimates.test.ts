import { expect } from 'chai';
import { EstimateRecord } from '../../../../adapters/qbd/qbxml/records/estimate-record';
import { buildTxnQuery } from '../../../../adapters/qbd/qbxml/requests/txn-queries';
import { Instant } from '../../../../core/values/instant';
import { companyFromSnapshot, snapshotOf } from '../../../simulators/qbd/company-snapshot';
import { lines, m } from './one-invoice';
import { ask, newCompany } from './sim-harness';

/** A company with five estimates for one customer, a minute apart. */
function fiveEstimates() {
  const env = newCompany();
  const customer = env.company.addCustomer({ name: 'Quoted Ltd' });
  const made = Array.from({ length: 5 }, (_, i) => {
    env.clock.advance(60);
    return env.company.addEstimate({ customerId: customer.listId, refNumber: `E-${i}`, lines: lines('100.00', `${i + 1}.50`), salesTaxTotal: m('8.00') });
  });
  return { ...env, customer, made };
}

const estimates = (answer: Awaited<ReturnType<typeof ask>>) => answer.records as EstimateRecord[];

describe('Estimates in the simulated company', () => {
  it('answers EstimateQueryRq with EstimateRets the product reads, totals and lines exact', async () => {
    const { sim, made, customer } = fiveEstimates();
    const answer = await ask(sim, [buildTxnQuery('estimate', { requestId: 'e', select: { txnIds: [made[2].txnId] }, includeLineItems: true })]);
    expect(estimates(answer)[0]).to.deep.include({ type: 'EstimateRet', txnId: made[2].txnId, refNumber: 'E-2', isActive: true });
    expect(estimates(answer)[0]).to.deep.include({ subtotal: '103.50', salesTaxTotal: '8.00', totalAmount: '111.50' });
    expect(estimates(answer)[0].customerRef).to.deep.equal({ listId: customer.listId, fullName: 'Quoted Ltd' });
    expect(estimates(answer)[0].lines.map((l) => l.kind === 'line' && l.amount)).to.deep.equal(['100.00', '3.50']);
  });

  it('pages with an iterator and MaxReturned, in the order the estimates were made', async () => {
    const { sim, made } = fiveEstimates();
    const select = { maxReturned: 2 };
    const first = await ask(sim, [buildTxnQuery('estimate', { requestId: 'i', step: { iterator: 'Start' }, select })]);
    const iteratorId = first.statuses[0].iteratorId!;
    const pages = [first];
    for (let i = 0; i < 2; i++) pages.push(await ask(sim, [buildTxnQuery('estimate', { requestId: 'i', step: { iterator: 'Continue', iteratorId }, select })]));
    expect(pages.map((p) => p.statuses[0].iteratorRemainingCount)).to.deep.equal([3, 1, 0]);
    expect(pages.flatMap((p) => estimates(p).map((e) => e.txnId))).to.deep.equal(made.map((e) => e.txnId));
  });

  it('finds an edited estimate by its new TimeModified, with a new EditSequence', async () => {
    const { sim, company, clock, made } = fiveEstimates();
    clock.advance(3600);
    const before = made[1].editSequence;
    company.editEstimate(made[1].txnId, { memo: 'Revised', lines: lines('250.00') });
    const since = company.clock.format(made[1].modified) as Instant;
    const answer = await ask(sim, [buildTxnQuery('estimate', { requestId: 'm', select: { modified: { from: since } }, includeLineItems: true })]);
    expect(estimates(answer).map((e) => [e.txnId, e.memo, e.subtotal])).to.deep.equal([[made[1].txnId, 'Revised', '250.00']]);
    expect(estimates(answer)[0].editSequence).not.to.equal(before);
  });

  it('keeps its estimates in a saved company', () => {
    const { company } = fiveEstimates();
    company.editEstimate([...company.estimates.keys()][0], { isActive: false });
    const reloaded = companyFromSnapshot(JSON.parse(JSON.stringify(snapshotOf(company))));
    expect(snapshotOf(reloaded)).to.deep.equal(snapshotOf(company));
    expect([...reloaded.estimates.values()].map((e) => e.isActive)).to.deep.equal([false, true, true, true, true]);
  });
});
