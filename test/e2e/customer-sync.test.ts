import { expect } from 'chai';
import { Money } from '../../core/values/money';
import { BUILT_IN_SYNC } from '../../core/config/app-config';
import { TestClock, connectedCompany } from '../support/connected-company';
import { schemaAvailability, schemaErrors } from '../support/qbxml-schema';
import { useTestService } from '../support/use-test-service';

interface AltCustomer {
  id: string;
  name: string;
  fullName: string;
  isActive: boolean;
  archived: boolean;
  deleted: boolean;
  balance: string | null;
  source: { id: string; version: string };
}

describe('Customers from QuickBooks into Alternative (simulators end to end)', function () {
  this.timeout(60_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({}, clock.read);

  async function setup(customerCount = 30) {
    const env = await connectedCompany(service.current, clock, { seed: 11, customers: customerCount, invoices: 40, years: 1 });
    return { ...env, customers: () => env.all<AltCustomer>(`/api/connections/${env.connection.id}/customers`) };
  }

  it('brings every customer on the first sync, pages through them, and archives the inactive ones', async () => {
    const { company, connector, customers } = await setup();
    const outcome = await connector.runSession();
    expect(outcome.ended).to.equal('closed');
    expect(outcome.percents[outcome.percents.length - 1]).to.equal(100);
    expect(outcome.percents).to.deep.equal([...outcome.percents].sort((a, b) => a - b));
    const alt = await customers();
    expect(alt).to.have.length(company.customers.size);
    const inactive = [...company.customers.values()].filter((c) => !c.isActive).map((c) => c.listId);
    expect(inactive.length).to.be.greaterThan(0);
    expect(alt.filter((c) => c.archived).map((c) => c.source.id)).to.have.members(inactive);
    const sample = [...company.customers.values()][3];
    expect(alt.find((c) => c.source.id === sample.listId)).to.deep.include({
      name: sample.name,
      fullName: sample.fullName,
      balance: company.customerBalance(sample.listId),
    });
  });

  it('pages through QuickBooks with an iterator when there are more customers than a page', async () => {
    const { company, connector, customers, quickBooks } = await setup(2 * BUILT_IN_SYNC.pageSize + 30);
    const outcome = await connector.runSession();
    const customerRequests = quickBooks.log.map((l) => l.requestXml).filter((x) => x.includes('<CustomerQueryRq'));
    expect(customerRequests.map((x) => /iterator="(\w+)"/.exec(x)![1])).to.deep.equal(['Start', 'Continue', 'Continue']);
    expect(outcome.percents).to.deep.equal([...outcome.percents].sort((a, b) => a - b));
    expect(await customers()).to.have.length(company.customers.size);
  });

  it('moves only what changed on the next poll: a rename, a deactivation, a deletion, a new customer', async () => {
    const { company, connector, customers, api, connection, later } = await setup();
    await connector.runSession();
    later(10);
    const [renamed, deactivated] = [...company.customers.values()].filter((c) => c.isActive && !c.parentId);
    company.modifyCustomer(renamed.listId, renamed.editSequence, { name: 'Renamed Ltd' });
    company.modifyCustomer(deactivated.listId, deactivated.editSequence, { isActive: false });
    const fresh = company.addCustomer({ name: 'Brand New Co' });
    const shortLived = company.addCustomer({ name: 'Short Lived' });
    later(10);
    await connector.runSession();
    company.deleteCustomer(shortLived.listId);
    later(10);
    const before = (await api.call('GET', `/api/connections/${connection.id}/events?limit=200`)).body.items.length;
    const outcome = await connector.runSession();
    expect(outcome.closeMessage).to.match(/1 deleted customers applied/);

    const alt = await customers();
    const bySource = (id: string) => alt.find((c) => c.source.id === id)!;
    expect(bySource(renamed.listId).name).to.equal('Renamed Ltd');
    expect(bySource(deactivated.listId)).to.deep.include({ isActive: false, archived: true });
    expect(bySource(fresh.listId)).to.deep.include({ name: 'Brand New Co', archived: false });
    expect(bySource(shortLived.listId)).to.deep.include({ deleted: true, archived: true });

    // The third poll re-read its overlap but changed nothing it had seen: no line for those, one for the deletion (and the session's own).
    const events = (await api.call('GET', `/api/connections/${connection.id}/events?limit=200`)).body.items.slice(0, -before || undefined);
    const applied = events.filter((e: { outcome: string; item: string }) => e.outcome === 'applied' && e.item !== 'sync');
    expect(applied.map((e: { operation: string; sourceId: string }) => [e.operation, e.sourceId])).to.deep.equal([['delete', shortLived.listId]]);
  });

  it('sees a change stamped with the daylight-saving offset bug, through the overlap', async () => {
    const { company, connector, customers, later } = await setup();
    clock.now = new Date('2027-07-01T15:00:00Z').getTime();
    company.clock.set(clock.read());
    await connector.runSession();
    company.clock.dstBug = true;
    later(5);
    const target = [...company.customers.values()].find((c) => c.isActive)!;
    company.modifyCustomer(target.listId, target.editSequence, { name: 'Summer Name' });
    later(5);
    await connector.runSession();
    expect((await customers()).find((c) => c.source.id === target.listId)!.name).to.equal('Summer Name');
  });

  it('keeps the Alternative balance exact to the cent', async () => {
    const { company, connector, customers } = await setup();
    const customer = [...company.customers.values()].find((c) => c.isActive)!;
    const invoice = company.addInvoice({
      customerId: customer.listId,
      lines: [
        { itemName: 'Tiny', amount: '0.10' as Money },
        { itemName: 'Tiny', amount: '0.20' as Money },
      ],
    });
    company.receivePayment({
      customerId: customer.listId,
      totalAmount: '0.01' as Money,
      applications: [{ invoiceId: invoice.txnId, amount: '0.01' as Money }],
    });
    await connector.runSession();
    expect((await customers()).find((c) => c.source.id === customer.listId)!.balance).to.equal(company.customerBalance(customer.listId));
  });

  it('sends only schema-valid requests', async function () {
    if (!schemaAvailability().available) return this.skip();
    const { connector, quickBooks, later, company } = await setup();
    await connector.runSession();
    later(10);
    company.addCustomer({ name: 'Another' });
    await connector.runSession();
    const errors = await schemaErrors(quickBooks.log.map((l, i) => ({ name: `request ${i}`, xml: l.requestXml })));
    expect(Object.fromEntries(errors)).to.deep.equal({});
  });
});
