import { expect } from 'chai';
import { QboSimulator } from '../../../simulators/qbo/qbo-simulator';
import { Api, Json, simWithCompany } from './qbo-harness';

describe('The QuickBooks Online simulator', () => {
  describe('batch', () => {
    let sim: QboSimulator;
    let api: Api;
    let realmId: string;
    beforeEach(async () => {
      ({ sim, api, realmId } = await simWithCompany({ customers: 0 }));
    });
    afterEach(() => sim.stop());

    it('runs items independently: a failing item is a Fault in its slot, the others happen, HTTP 200', async () => {
      const customer = sim.books(realmId).addCustomer({ displayName: 'Batched' });
      const answer = await api.post('batch', {
        BatchItemRequest: [
          { bId: 'b1', operation: 'create', Customer: { DisplayName: 'New In Batch' } },
          { bId: 'b2', operation: 'update', Customer: { Id: customer.Id, SyncToken: '7', sparse: true, Notes: 'x' } },
          { bId: 'b3', Query: 'SELECT COUNT(*) FROM Customer' },
        ],
      });
      expect(answer.status).to.equal(200);
      const items = answer.json.BatchItemResponse as Json[];
      expect(items.map((i) => i.bId)).to.deep.equal(['b1', 'b2', 'b3']);
      expect(items[0].Customer.DisplayName).to.equal('New In Batch');
      expect(items[1].Fault.Error[0].code).to.equal('5010');
      expect(items[2].QueryResponse).to.deep.equal({ totalCount: 2 });
    });

    it('refuses more than 30 items with 1040', async () => {
      const items = Array.from({ length: 31 }, (_, i) => ({ bId: `b${i}`, Query: 'SELECT * FROM Customer' }));
      const answer = await api.post('batch', { BatchItemRequest: items });
      expect(answer.status).to.equal(400);
      expect(answer.json.Fault.Error[0].code).to.equal('1040');
    });
  });
});
