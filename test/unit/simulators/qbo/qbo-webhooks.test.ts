import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { QboSimulator } from '../../../simulators/qbo/qbo-simulator';
import { Api, CLIENT, Json, simWithCompany } from './qbo-harness';

interface Received {
  readonly body: string;
  readonly signature: string;
}

describe('The QuickBooks Online simulator', () => {
  describe('webhooks', () => {
    let receiver: Server;
    let received: Received[];
    let failNext: number;
    let sim: QboSimulator;
    let realmId: string;
    let api: Api;
    beforeEach(async () => {
      received = [];
      failNext = 0;
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['intuit-signature']) });
          res.statusCode = failNext-- > 0 ? 500 : 200;
          res.end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      ({ sim, realmId, api } = await simWithCompany({ webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks` }));
    });
    afterEach(async () => {
      await sim.stop();
      await new Promise((resolve) => receiver.close(resolve));
    });

    const valid = (r: Received) => createHmac('sha256', CLIENT.verifierToken).update(r.body).digest('base64') === r.signature;

    it('notifies bookkeeper changes as signed legacy eventNotifications, one notification per tick', async () => {
      const books = sim.books(realmId);
      const customer = books.addCustomer({ displayName: 'Hooked' });
      const invoice = books.addInvoice({ customerId: String(customer.Id), lines: [{ amount: '9.00' }] });
      await sim.webhooksIdle();
      expect(received).to.have.length(1);
      expect(valid(received[0])).to.equal(true);
      const notification = JSON.parse(received[0].body) as Json;
      expect(notification.eventNotifications[0].realmId).to.equal(realmId);
      const entities = notification.eventNotifications[0].dataChangeEvent.entities as Json[];
      expect(entities.map((e) => [e.name, e.id, e.operation])).to.deep.equal([
        ['Customer', customer.Id, 'Create'],
        ['Invoice', invoice.Id, 'Create'],
      ]);
      expect(entities[0].lastUpdated).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0800$/);
      expect(sim.webhookDeliveries[0].status).to.equal(200);
    });

    it('notifies our own API writes too (UNVERIFIED live), and deletions and voids', async () => {
      const books = sim.books(realmId);
      const customer = books.addCustomer({ displayName: 'Del' });
      const invoice = books.addInvoice({ customerId: String(customer.Id), lines: [{ amount: '9.00' }] });
      await sim.webhooksIdle();
      books.voidInvoice(String(invoice.Id));
      await sim.webhooksIdle();
      books.deleteInvoice(String(invoice.Id));
      await sim.webhooksIdle();
      const created = (await api.post('customer', { DisplayName: 'Via API' })).json.Customer;
      await sim.webhooksIdle();
      const events = received.slice(1).map((r) => (JSON.parse(r.body) as Json).eventNotifications[0].dataChangeEvent.entities[0]);
      expect(events.map((e: Json) => [e.name, e.id, e.operation])).to.deep.equal([
        ['Invoice', invoice.Id, 'Void'],
        ['Invoice', invoice.Id, 'Delete'],
        ['Customer', created.Id, 'Create'],
      ]);
      expect(received.every(valid)).to.equal(true);
    });

    it('sends one on demand, and a forged one whose signature does not verify', async () => {
      await sim.sendWebhook(realmId, [{ name: 'Invoice', id: '130', operation: 'Update' }]);
      await sim.sendWebhook(realmId, [{ name: 'Invoice', id: '130', operation: 'Update' }], { forged: true });
      expect(received.map(valid)).to.deep.equal([true, false]);
    });

    it('sends CloudEvents arrays once the format is switched, signed the same way', async () => {
      sim.webhookFormat = 'cloudevents';
      const customer = sim.books(realmId).addCustomer({ displayName: 'Cloudy' });
      await sim.webhooksIdle();
      expect(valid(received[0])).to.equal(true);
      const events = JSON.parse(received[0].body) as Json[];
      expect(events).to.have.length(1);
      expect(events[0]).to.include({
        specversion: '1.0',
        type: 'qbo.customer.created.v1',
        intuitentityid: customer.Id,
        intuitaccountid: realmId,
        datacontenttype: 'application/json',
      });
      expect(events[0].time).to.equal(new Date(String((customer.MetaData as Json).LastUpdatedTime)).toISOString());
    });

    it('retries an unacknowledged notification on the schedule, holding later ones until it is acknowledged', async () => {
      const books = sim.books(realmId);
      failNext = 2;
      const first = books.addCustomer({ displayName: 'First' });
      await sim.webhooksIdle();
      const second = books.addCustomer({ displayName: 'Second' });
      await sim.webhooksIdle();
      expect(received).to.have.length(1);
      sim.clock.advance(9_000);
      await sim.retryDueWebhooks();
      expect(received).to.have.length(1);
      sim.clock.advance(1_000);
      await sim.retryDueWebhooks();
      expect(received).to.have.length(2);
      sim.clock.advance(19_000);
      await sim.retryDueWebhooks();
      expect(received).to.have.length(2);
      sim.clock.advance(1_000);
      await sim.retryDueWebhooks();
      const ids = received.map((r) => (JSON.parse(r.body) as Json).eventNotifications[0].dataChangeEvent.entities[0].id);
      expect(ids).to.deep.equal([first.Id, first.Id, first.Id, second.Id]);
      expect(sim.webhookDeliveries.map((d) => [d.attempt, d.status])).to.deep.equal([
        [1, 500],
        [2, 500],
        [3, 200],
        [1, 200],
      ]);
    });
  });
});
