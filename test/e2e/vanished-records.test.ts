import { expect } from 'chai';
import { TestClock, connectedCompany } from '../support/connected-company';
import { schemaAvailability, schemaErrors } from '../support/qbxml-schema';
import { useTestService } from '../support/use-test-service';

interface Held {
  source: { id: string };
  deleted: boolean;
  qbd?: { txnId: string };
}

const DAY = 24 * 60;

describe('Records deleted in QuickBooks beyond its 90-day deletion log (simulators end to end)', function () {
  this.timeout(60_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({}, clock.read);

  async function setup() {
    const env = await connectedCompany(service.current, clock, { seed: 51, customers: 20, invoices: 30, years: 1 });
    await env.connector.runSession();
    const scans = () => env.quickBooks.log.filter((l) => l.requestXml.includes('<IncludeRetElement>')).length;
    const customers = () => env.all<Held>(`/api/connections/${env.connection.id}/customers`);
    const invoices = () => env.all<Held>(`/api/connections/${env.connection.id}/invoices?archived=include`);
    /** A customer with no invoices, and an invoice with nothing applied: both may be deleted. */
    const deletable = () => {
      const withInvoices = new Set([...env.company.invoices.values()].map((i) => i.customerId));
      const customer = [...env.company.customers.values()].find(
        (c) => !withInvoices.has(c.listId) && ![...env.company.customers.values()].some((j) => j.parentId === c.listId),
      )!;
      const invoice = [...env.company.invoices.values()].find((i) => env.company.invoiceBalance(i) === env.company.invoiceTotal(i))!;
      return { customer, invoice };
    };
    return { ...env, scans, customers, invoices, deletable };
  }

  it('finds them with an id-only scan after a long gap, and deletes them in Alternative', async () => {
    const { company, connector, later, scans, customers, invoices, deletable } = await setup();
    const { customer, invoice } = deletable();
    company.deleteCustomer(customer.listId);
    company.deleteTxn('Invoice', invoice.txnId);
    later(100 * DAY); // nobody synced; QuickBooks forgets the deletions after 90 days
    const outcome = await connector.runSession();
    expect(outcome.ended).to.equal('closed');
    expect(scans()).to.equal(2);
    expect(outcome.closeMessage)
      .to.match(/1 vanished customers applied/)
      .and.to.match(/1 vanished invoices applied/);
    expect((await customers()).find((c) => c.source.id === customer.listId)).to.deep.include({ deleted: true });
    expect((await invoices()).find((i) => i.qbd?.txnId === invoice.txnId)).to.deep.include({ deleted: true });
    expect((await customers()).filter((c) => c.deleted)).to.have.length(1);
  });

  it('does not scan on every poll, only when a week has passed or the partner asks to sync now', async () => {
    const { api, connection, connector, later, scans } = await setup();
    later(10);
    await connector.runSession();
    expect(scans()).to.equal(0);
    expect((await api.call('POST', `/api/connections/${connection.id}/sync`)).status).to.be.oneOf([200, 202]);
    later(1);
    await connector.runSession();
    expect(scans()).to.equal(2);
    later(60);
    await connector.runSession();
    expect(scans()).to.equal(2);
    later(8 * DAY);
    await connector.runSession();
    expect(scans()).to.equal(4);
  });

  it('deletes nothing when nothing vanished, and sends only schema-valid requests', async function () {
    const { connector, later, customers, quickBooks } = await setup();
    later(8 * DAY);
    const outcome = await connector.runSession();
    expect(outcome.closeMessage).not.to.match(/vanished/);
    expect((await customers()).filter((c) => c.deleted)).to.have.length(0);
    if (!schemaAvailability().available) return;
    expect(Object.fromEntries(await schemaErrors(quickBooks.log.map((l, i) => ({ name: `request ${i}`, xml: l.requestXml }))))).to.deep.equal({});
  });
});
