import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { recordConnectionEvents } from '../../../../core/webhooks/webhook-events';
import { scriptedResolver, tripwireConnect } from '../../../support/local-webhook-receiver';
import { WebhookReceiver } from '../../../support/webhook-receiver';
import { eventually, JobsDatabase, openJobsDatabase } from '../jobs/support/jobs-database';
import { deliveryRows, endpointFor, startDeliveryEngine } from './webhook-engine-kit';

describe('Webhook delivery engine (real database, pg-boss, a receiver on 127.0.0.1)', function () {
  this.timeout(60_000);
  let db: JobsDatabase;
  let receiver: WebhookReceiver;
  const stops: (() => Promise<void>)[] = [];
  before(async () => (db = await openJobsDatabase()));
  after(async () => db.close());
  beforeEach(async () => (receiver = await WebhookReceiver.start()));
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await receiver.stop();
  });

  const events = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ type: 'invoice.updated', data: { n: from + i } }));

  it('sends a connection’s events signed, in order, each once, and marks them delivered', async () => {
    const connectionId = await db.connection('test');
    const endpoint = await endpointFor(db, connectionId, receiver.url);
    receiver.secret = endpoint.secret;
    const started = await startDeliveryEngine(db, { resolve: scriptedResolver(['127.0.0.1']), allowHosts: '127.0.0.1' });
    stops.push(started.stop);
    await recordConnectionEvents(db.em(), connectionId, events(30), new Date());
    await eventually(() => receiver.received.length === 30);
    expect(receiver.rejected).to.deep.equal([]);
    expect(receiver.received.map((r) => r.data.n)).to.deep.equal([...Array(30).keys()]);
    await eventually(async () => (await deliveryRows(db, endpoint.id)).every((d) => d.state === 'delivered'));
  });

  it('refuses at delivery when DNS now answers a private address: no connection is ever opened, the delivery waits for its retry', async () => {
    const connectionId = await db.connection('test');
    // Registered while hooks.example.com resolved to a public address; at delivery it answers the metadata address.
    const endpoint = await endpointFor(db, connectionId, 'https://hooks.example.com/in');
    const resolve = scriptedResolver(['169.254.169.254']);
    const connect = tripwireConnect();
    const started = await startDeliveryEngine(db, { resolve, connect });
    stops.push(started.stop);
    await recordConnectionEvents(db.em(), connectionId, events(2), new Date());
    await eventually(async () => (await deliveryRows(db, endpoint.id))[0]!.last_error !== null);
    const [first, second] = await deliveryRows(db, endpoint.id);
    expect(first).to.deep.include({ state: 'pending', attempts: 1, last_status: null });
    expect(first!.last_error).to.match(/private|public/);
    expect(second).to.deep.include({ state: 'pending', attempts: 0 });
    expect(connect.reached()).to.equal(false);
  });

  it('holds a stream behind a failing head and sends it again when its retry is due by the service’s clock', async () => {
    let now = Date.parse('2026-11-25T15:00:00Z');
    const connectionId = await db.connection('test');
    const endpoint = await endpointFor(db, connectionId, receiver.url);
    receiver.secret = endpoint.secret;
    receiver.down = true;
    const started = await startDeliveryEngine(db, { resolve: scriptedResolver(['127.0.0.1']), allowHosts: '127.0.0.1', clock: () => new Date(now) });
    stops.push(started.stop);
    await recordConnectionEvents(db.em(), connectionId, events(3), new Date(now));
    await eventually(async () => (await deliveryRows(db, endpoint.id))[0]!.last_status === 503);
    const [head] = await deliveryRows(db, endpoint.id);
    expect(head).to.deep.include({ attempts: 1, last_status: 503 });
    expect(new Date(head!.next_attempt_at).getTime()).to.equal(now + 5000);
    receiver.down = false;
    now += 5000;
    await eventually(() => receiver.received.length === 3);
    expect(receiver.arrivals, receiver.answered.join(', ')).to.have.length(4);
    expect(receiver.received.map((r) => r.data.n)).to.deep.equal([0, 1, 2]);
  });

  it('never sends an event before one a still-open transaction wrote earlier in the same connection', async function () {
    // The embedded database is one session: two transactions of it cannot be open at once.
    if (!process.env.DATABASE_URL) this.skip();
    const connectionId = await db.connection('test');
    const endpoint = await endpointFor(db, connectionId, receiver.url);
    receiver.secret = endpoint.secret;
    const started = await startDeliveryEngine(db, { resolve: scriptedResolver(['127.0.0.1']), allowHosts: '127.0.0.1' });
    stops.push(started.stop);
    let commitFirst!: () => void;
    const firstWritten = new Promise<void>((written) => {
      void db.database.orm.em.fork().transactional(async (tx) => {
        await recordConnectionEvents(tx as unknown as EntityManager, connectionId, events(1, 0), new Date());
        written();
        await new Promise<void>((resolve) => (commitFirst = resolve));
      });
    });
    await firstWritten;
    await recordConnectionEvents(db.em(), connectionId, events(1, 1), new Date());
    await new Promise((r) => setTimeout(r, 500)); // several pumps: the committed second event must still wait
    expect(receiver.arrivals).to.deep.equal([]);
    commitFirst();
    await eventually(() => receiver.received.length === 2);
    expect(
      receiver.received.map((r) => r.data.n),
      JSON.stringify(receiver.received),
    ).to.deep.equal([0, 1]);
  });
});
