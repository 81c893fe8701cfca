import { expect } from 'chai';
import { QboSimulator } from '../../../simulators/qbo/qbo-simulator';
import { Api, Json, simWithCompany } from './qbo-harness';

describe('The QuickBooks Online simulator', () => {
  describe('change data capture', () => {
    let sim: QboSimulator;
    let api: Api;
    let realmId: string;
    beforeEach(async () => {
      ({ sim, api, realmId } = await simWithCompany({ customers: 3, invoices: 0 }));
    });
    afterEach(() => sim.stop());

    const cdc = (entities: string, changedSince: string) => api.get('cdc', { entities, changedSince });
    const block = (answer: Json, entity: string) => (answer.CDCResponse[0].QueryResponse as Json[]).find((b) => b[entity])?.[entity] as Json[] | undefined;

    it('returns full objects changed since a time, one block per entity, and tombstones for deletions', async () => {
      const books = sim.books(realmId);
      const customerId = String(books.all('Customer').find((c) => c.Active)!.Id);
      const since = sim.clock.stamp(sim.clock.advance(60_000));
      sim.clock.advance(60_000);
      const kept = books.addInvoice({ customerId, lines: [{ amount: '10.00' }] });
      const gone = books.addInvoice({ customerId, lines: [{ amount: '20.00' }] });
      sim.clock.advance(60_000);
      books.deleteInvoice(String(gone.Id));
      const answer = await cdc('Invoice,Customer,Payment', since);
      expect(answer.status).to.equal(200);
      const invoices = block(answer.json, 'Invoice')!;
      expect(invoices.find((i) => i.Id === kept.Id)).to.include({ TotalAmt: 10, Balance: 10, SyncToken: '0' });
      expect(invoices.find((i) => i.Id === gone.Id)).to.deep.equal({
        Id: gone.Id,
        domain: 'QBO',
        status: 'Deleted',
        MetaData: { LastUpdatedTime: sim.clock.stamp(sim.clock.now()) },
      });
      const blocks = answer.json.CDCResponse[0].QueryResponse as Json[];
      expect(blocks).to.have.length(3);
      expect(blocks[0]).to.include({ startPosition: 1, maxResults: 2, totalCount: 2 });
      expect(blocks[1]).to.deep.equal({});
      expect(blocks[2]).to.deep.equal({});
    });

    it('refuses a changedSince more than 30 days back', async () => {
      const old = sim.clock.stamp(new Date(sim.clock.now().getTime() - 31 * 86_400_000));
      const answer = await cdc('Invoice', old);
      expect(answer.status).to.equal(400);
      expect(answer.json.Fault.Error[0].Detail).to.match(/older than fixed days is not supported/);
      expect((await cdc('Invoice', sim.clock.stamp(new Date(sim.clock.now().getTime() - 29 * 86_400_000)))).status).to.equal(200);
    });

    it('reads a changedSince without offset as Pacific time', async () => {
      const books = sim.books(realmId);
      sim.clock.advance(1800_000);
      books.addCustomer({ displayName: 'Late Comer' });
      const pacificWall = sim.clock.stamp(sim.clock.now()).slice(0, 19);
      expect(block((await cdc('Customer', pacificWall)).json, 'Customer')!.map((c) => c.DisplayName)).to.deep.equal(['Late Comer']);
    });

    it('returns at most 1000 objects, the oldest changes first', async () => {
      const books = sim.books(realmId);
      const since = sim.clock.stamp(sim.clock.now());
      for (let i = 0; i < 1005; i++) {
        sim.clock.advance(1000);
        books.addCustomer({ displayName: `Bulk ${i}` });
      }
      const customers = block((await cdc('Customer', since)).json, 'Customer')!;
      expect(customers).to.have.length(1000);
      expect(customers[0].DisplayName).to.equal('Bulk 0');
    });
  });
});
