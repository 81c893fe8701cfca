import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOOKKEEPER_CHANGE_KINDS, BookkeeperChange, makeBookkeeperChanges } from '../simulators/qbd/bookkeeper-changes';
import { loadCompanyState, saveCompanyState } from '../simulators/qbd/company-state-file';
import { QuickBooksCompany } from '../simulators/qbd/quickbooks-company';
import { QuickBooksSimulator } from '../simulators/qbd/quickbooks-simulator';
import { readQwc } from '../simulators/qbwc/qwc-reader';
import { WebConnector } from '../simulators/qbwc/web-connector';
import { TestClock, connectedCompany } from '../support/connected-company';
import { useTestService } from '../support/use-test-service';

interface AltInvoice {
  number: string | null;
  dueDate: string | null;
  total: string;
  balance: string;
  status: string;
  archived: boolean;
  deleted: boolean;
  qbd: { txnId: string };
}
interface AltCustomer {
  fullName: string;
  isActive: boolean;
  archived: boolean;
  source: { id: string };
}
interface SyncEvent {
  id: string;
  item: string;
  operation: string;
  sourceId: string;
  outcome: string;
}

/**
 * The README's demo: `npm run simulate` twice against one connection, the company kept in its
 * state file between the runs and a bookkeeper's changes made before the second. The second
 * sync must carry exactly those changes, not see a new company.
 */
describe("A simulated company kept between two runs, with a bookkeeper's changes between them (simulators end to end)", function () {
  this.timeout(120_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({}, clock.read);

  it('archives only what was deleted or made inactive, and updates only what changed', async () => {
    const env = await connectedCompany(service.current, clock, { seed: 31, customers: 20, invoices: 60, years: 1 });
    const { connection, all } = env;
    const invoices = () => all<AltInvoice>(`/api/connections/${connection.id}/invoices?archived=include`);
    const customers = () => all<AltCustomer>(`/api/connections/${connection.id}/customers`);
    const events = () => all<SyncEvent>(`/api/connections/${connection.id}/events`);

    // First run: a new company, synced, then saved as the simulator saves it.
    expect((await env.connector.runSession()).ended).to.equal('closed');
    const file = join(mkdtempSync(join(tmpdir(), 'demo-')), 'simulated-company.json');
    saveCompanyState(file, env.company);
    const archivedBefore = {
      invoices: (await invoices()).filter((i) => i.archived).map((i) => i.qbd.txnId),
      customers: (await customers()).filter((c) => c.archived).map((c) => c.source.id),
    };
    const lastEvent = Math.max(...(await events()).map((e) => Number(e.id)));

    // Second run: the company loaded from the file, time passed, two changes of every kind.
    clock.now += 60 * 60_000;
    const company: QuickBooksCompany = loadCompanyState(file)!;
    company.clock.set(clock.read());
    const changes: BookkeeperChange[] = BOOKKEEPER_CHANGE_KINDS.flatMap((kind, i) =>
      makeBookkeeperChanges(company, { seed: 100 + i, count: 2, kinds: [kind] }),
    );
    expect(changes.map((c) => c.kind)).to.have.members(BOOKKEEPER_CHANGE_KINDS.flatMap((k) => [k, k]));
    clock.now = company.clock.now().getTime() + 10 * 60_000;
    company.clock.set(clock.read());
    const quickBooks = new QuickBooksSimulator(company);
    const qwc = readQwc(await (await fetch(connection.install.qwcUrl)).text());
    const connector = new WebConnector({
      qwc,
      password: connection.install.password,
      quickBooks,
      desktop: { companyFilePath: 'C:\\Acme.QBW', isRunning: true },
      noOpPauseMs: 10,
    });
    expect((await connector.runSession()).ended).to.equal('closed');

    const ids = (kind: BookkeeperChange['kind']) => changes.filter((c) => c.kind === kind).map((c) => c.id);
    const alt = await invoices();
    const byTxn = (txnId: string) => alt.find((i) => i.qbd.txnId === txnId)!;
    // Archived: what was there, plus the deleted invoices and the customers made inactive. Nothing else.
    expect(alt.filter((i) => i.archived).map((i) => i.qbd.txnId)).to.have.members([...archivedBefore.invoices, ...ids('delete-invoice')]);
    const altCustomers = await customers();
    expect(altCustomers.filter((c) => c.archived).map((c) => c.source.id)).to.have.members([...archivedBefore.customers, ...ids('customer-inactive')]);
    for (const id of ids('delete-invoice')) expect(byTxn(id)).to.deep.include({ deleted: true });

    // Every other change shows as QuickBooks now has it.
    // (Later changes may have deleted an invoice an earlier one edited: that one is archived above.)
    const edited = [...ids('due-date'), ...ids('line-amount'), ...ids('new-invoice'), ...ids('void-invoice')].filter((id) => company.invoices.has(id));
    expect(edited.length, 'edited invoices still in QuickBooks').to.be.at.least(6);
    for (const id of edited) {
      const invoice = company.invoice(id);
      expect(byTxn(id), changes.find((c) => c.id === id)!.description).to.deep.include({
        dueDate: invoice.dueDate,
        total: company.invoiceTotal(invoice),
        balance: company.invoiceBalance(invoice),
      });
    }
    for (const id of ids('void-invoice')) expect(byTxn(id).status).to.equal('void');
    for (const id of ids('partial-payment')) {
      const paid = company.payment(id).applications[0].invoiceId;
      expect(byTxn(paid), 'a partial payment').to.deep.include({ balance: company.invoiceBalance(company.invoice(paid)), status: 'partially-paid' });
    }
    for (const id of ids('new-customer'))
      expect(
        altCustomers.find((c) => c.source.id === id),
        'a new customer',
      ).to.deep.include({ fullName: company.customer(id).fullName, archived: false });

    // What the second sync wrote: only records a change touched, never the whole company again.
    const touched = new Set([...changes.map((c) => c.id), ...ids('partial-payment').map((id) => company.payment(id).applications[0].invoiceId)]);
    const applied = (await events()).filter((e) => Number(e.id) > lastEvent && e.outcome === 'applied' && (e.item === 'invoice' || e.item === 'customer'));
    expect(applied.length).to.be.greaterThan(0);
    expect(
      applied.filter((e) => !touched.has(e.sourceId)).map((e) => `${e.item} ${e.operation} ${e.sourceId}`),
      'applied beyond the changes',
    ).to.deep.equal([]);
  });
});
