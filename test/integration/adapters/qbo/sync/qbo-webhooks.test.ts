import { expect } from 'chai';
import { QboWebhookRoutes, WEBHOOK_BODY_LIMIT } from '../../../../../adapters/qbo/webhooks/qbo-webhook-routes';
import { QBO_ENDPOINTS, QboEndpoints } from '../../../../../adapters/qbo/qbo-endpoints';
import { HttpHost, startHttpHost } from '../../../../../core/runtime/http/http-host';
import { createLogger } from '../../../../../core/runtime/logger';
import { RequestedSyncs, type QboSyncEnv, qboSyncEnv } from './qbo-sync-env';

const invoiceUpdated = [{ name: 'Invoice', id: '130', operation: 'Update' }];

/**
 * The webhook route on its own host, over the service's database and endpoints, with the syncs it
 * asks for recorded (the job engine that takes them is another helper's; the route's part ends
 * at asking).
 */
describe('POST /qbo/webhooks', function () {
  this.timeout(60_000);
  let env: QboSyncEnv;
  let host: HttpHost;
  let syncs: RequestedSyncs;
  let url: string;
  before(async () => {
    env = await qboSyncEnv({ seed: 5, customers: 2, invoices: 2 });
    syncs = new RequestedSyncs();
    const endpoints = env.service.service.container.get<QboEndpoints>(QBO_ENDPOINTS);
    const routes = new QboWebhookRoutes(endpoints, env.service.service.database, syncs);
    host = await startHttpHost({
      port: 0,
      host: '127.0.0.1',
      trustProxy: false,
      logger: createLogger('error'),
      database: env.service.service.database,
      routes: [routes],
    });
    url = `http://127.0.0.1:${host.port}/qbo/webhooks`;
  });
  after(async () => {
    await host?.stop(100);
    await env?.stop();
  });
  beforeEach(() => void (syncs.requested.length = 0));

  it('refuses a forged notification with a bare 401 and asks for nothing', async () => {
    const delivery = (await env.sim.sendWebhook(env.realmId, invoiceUpdated, { forged: true, url }))!;
    expect(delivery.status).to.equal(401);
    expect(syncs.requested).to.deep.equal([]);
    const unsigned = await fetch(url, { method: 'POST', body: delivery.body, headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).to.equal(401);
    expect(await unsigned.text()).to.equal('');
  });

  it("asks for a sync of the company's connection on a signed legacy notification, and answers 200", async () => {
    const delivery = (await env.sim.sendWebhook(env.realmId, invoiceUpdated, { url }))!;
    expect(delivery.status).to.equal(200);
    expect(syncs.requested).to.deep.equal([{ connectionId: env.connectionId, reason: 'notification' }]);
  });

  it('takes the CloudEvents payload the same way', async () => {
    const delivery = (await env.sim.sendWebhook(env.realmId, invoiceUpdated, { url, format: 'cloudevents' }))!;
    expect(delivery.status).to.equal(200);
    expect(syncs.requested).to.deep.equal([{ connectionId: env.connectionId, reason: 'notification' }]);
  });

  it('asks for nothing for a company no connection has', async () => {
    const other = env.sim.createCompany({ seed: 6, customers: 1, invoices: 1 });
    expect((await env.sim.sendWebhook(other, invoiceUpdated, { url }))!.status).to.equal(200);
    expect(syncs.requested).to.deep.equal([]);
  });

  it('refuses a body over the limit before reading it whole', async () => {
    const res = await fetch(url, { method: 'POST', body: 'x'.repeat(WEBHOOK_BODY_LIMIT + 1), headers: { 'intuit-signature': 'AAAA' } });
    expect(res.status).to.equal(400);
    expect(syncs.requested).to.deep.equal([]);
  });
});
