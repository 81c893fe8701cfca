import { expect } from 'chai';
import { TestClock, connectedCompany } from '../../support/connected-company';
import { useTestService } from '../../support/use-test-service';
import { countDuplicates, faultTally, reportFaultTallyAtEnd } from './fault-tally';

reportFaultTallyAtEnd();

const START = new Date('2026-11-25T15:00:00Z').getTime();
const COMPANY = { seed: 81, customers: 12, invoices: 40, years: 3 } as const;

interface Held {
  source: { id: string; version: string | null };
  name?: string;
  archived: boolean;
  deleted: boolean;
  qbd?: { txnId: string };
  total?: string;
  balance?: string;
  status?: string;
  lines?: unknown[];
}

describe('Fault suite: the session cut at every step of an initial sync, then resumed', function () {
  this.timeout(300_000);
  const clock = new TestClock(START);
  const service = useTestService({ LOG_LEVEL: 'warn' }, clock.read);

  /** A fresh company, identical every time (same seed, same clock), connected to a new partner. */
  async function freshCompany() {
    clock.now = START;
    return connectedCompany(service.current, clock, COMPANY);
  }

  /** The ledger as comparable data: QuickBooks' ids and what the partner sees, never our own ids. */
  async function snapshot(env: Awaited<ReturnType<typeof freshCompany>>) {
    const customers = (await env.all<Held>(`/api/connections/${env.connection.id}/customers`)).map((c) => ({
      id: c.source.id,
      v: c.source.version,
      name: c.name,
      archived: c.archived,
      deleted: c.deleted,
    }));
    const invoices = (await env.all<Held>(`/api/connections/${env.connection.id}/invoices`)).map((i) => ({
      id: i.qbd!.txnId,
      total: i.total,
      balance: i.balance,
      status: i.status,
      lines: i.lines!.length,
      archived: i.archived,
    }));
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    return { customers: customers.sort(byId), invoices: invoices.sort(byId) };
  }

  let baseline: Awaited<ReturnType<typeof snapshot>>;
  let requests = 0;

  it('an uncut first sync, as the reference', async () => {
    const env = await freshCompany();
    const outcome = await env.connector.runSession();
    expect(outcome.closeMessage).to.match(/^Complete/);
    requests = outcome.calls.filter((c) => c.method === 'sendRequestXML').length;
    baseline = await snapshot(env);
    expect(baseline.invoices).to.have.length(env.company.invoices.size);
    expect(requests).to.be.greaterThan(8);
  });

  /** Runs sessions (the Web Connector's next polls) until one completes. */
  async function resume(env: Awaited<ReturnType<typeof freshCompany>>): Promise<void> {
    for (let attempt = 0; attempt < 4; attempt++) {
      env.later(0.1); // the Web Connector runs again seconds later: its new sign-in replaces the dead session
      const outcome = await env.connector.runSession();
      if (outcome.closeMessage?.startsWith('Complete')) return;
    }
    throw new Error('the sync did not complete within four more sessions');
  }

  for (const fault of ['dropAfterRequest', 'loseReceiveAnswer'] as const) {
    it(`${fault === 'dropAfterRequest' ? 'stopped dead after each sendRequestXML' : 'with each receiveResponseXML answer lost'}: same ledger as the uncut run, nothing lost, nothing twice`, async () => {
      for (let n = 1; n <= requests; n++) {
        const env = await freshCompany();
        const cut = await env.connector.runSession({ [fault]: n });
        expect(cut.ended, `cut at ${n}`).to.equal('dropped');
        await resume(env);
        const after = await snapshot(env);
        expect(after, `${fault} at request ${n}`).to.deep.equal(baseline);
        const duplicates = countDuplicates(after.customers.map((c) => c.id)) + countDuplicates(after.invoices.map((i) => i.id));
        faultTally.cases += 1;
        faultTally.faultsSurvived += 1;
        faultTally.recordsCompared += after.customers.length + after.invoices.length;
        faultTally.duplicates += duplicates;
        expect(duplicates).to.equal(0);
      }
    });
  }
});
