import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { noticeQuietConnections } from '../../core/health/notice-quiet-connections';
import { emitConnectionEvent } from '../../core/webhooks/connection-events';
import { TestService, startTestService } from '../support/test-service';
import { addWebhookEndpoint, recordedEvents } from '../support/webhook-outbox';
import { WEB_CONNECTOR_TESTS_START, connectWebConnector } from './web-connector-fixture';

const CONNECTION_TYPES = ['connection.connected', 'connection.sign_in_refused', 'connection.error', 'connection.stale'];

describe("Webhook events of a QuickBooks Desktop connection's own state (over HTTP)", function () {
  this.timeout(60_000);
  let test: TestService;
  let now = WEB_CONNECTOR_TESTS_START;

  before(async () => {
    test = await startTestService({}, () => new Date(now));
  });
  after(async () => {
    await test?.stop();
  });

  it('tells a refused sign-in, the sign-in that connects, the failure that turns it to error and the session that connects it again, once each and in order', async () => {
    const { api, connection, connector, desktop } = await connectWebConnector(test.url, now);
    await addWebhookEndpoint(test, connection.id, CONNECTION_TYPES);
    expect((await connector('wrong password').runSession()).authenticate[1]).to.equal('nvu');
    desktop.openFailure = { hresult: '0x8004041D', message: 'This application is not allowed to log into this QuickBooks company data file automatically.' };
    await connector().runSession();
    delete desktop.openFailure;
    now += 60_000;
    expect((await connector().runSession()).closeMessage).to.match(/^Complete/);
    now += 10 * 60_000;
    await connector().runSession(); // connected already: no news
    const events = await recordedEvents(test, connection.id);
    expect(events.map((e) => e.type)).to.deep.equal(['connection.sign_in_refused', 'connection.connected', 'connection.error', 'connection.connected']);
    expect(events.every((e) => e.deliveries.length === 1 && e.deliveries[0] === 'pending')).to.equal(true);
    expect(events[0].data).to.deep.include({ id: connection.id, status: 'pending' });
    expect(events[0].data.refusedFrom).to.be.a('string');
    expect(events[2].data).to.deep.include({ status: 'error' });
    expect((events[2].data.lastError as { code: string }).code).to.equal('0x8004041D');
    // The fields every connection view has, under the same names as the REST GET.
    const shown = (await api.call('GET', `/api/connections/${connection.id}`)).body;
    for (const key of ['id', 'system', 'companyName', 'status']) expect(events[3].data[key], key).to.deep.equal(shown[key]);
    expect(Object.keys(events[3].data).every((k) => k in shown)).to.equal(true);
  });

  it('tells connection.stale once per quiet spell, in the transaction that marks it', async () => {
    const { connection, connector } = await connectWebConnector(test.url, now);
    await addWebhookEndpoint(test, connection.id, CONNECTION_TYPES);
    await connector().runSession();
    const em = () => test.service.database.orm.em.fork() as EntityManager;
    const later = new Date(now + 24 * 60 * 60_000);
    expect(await noticeQuietConnections(em(), later)).to.include(connection.id);
    await noticeQuietConnections(em(), new Date(later.getTime() + 60_000));
    const stale = await recordedEvents(test, connection.id, ['connection.stale']);
    expect(stale).to.have.length(1);
    expect(stale[0].data).to.deep.include({ id: connection.id, status: 'connected' });
  });

  it('writes nothing for an event whose transaction rolls back', async () => {
    const { connection } = await connectWebConnector(test.url, now);
    await addWebhookEndpoint(test, connection.id);
    const em = test.service.database.orm.em.fork() as EntityManager;
    const failing = em.transactional(async (tx) => {
      await emitConnectionEvent(tx as EntityManager, connection.id, 'connection.error', new Date(now));
      throw new Error('the change failed');
    });
    const error = await failing.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).message).to.equal('the change failed');
    expect(await recordedEvents(test, connection.id)).to.deep.equal([]);
  });
});
