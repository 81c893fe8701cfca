import { expect } from 'chai';
import { recordDelivered } from '../../../../core/webhooks/delivery/attempt-outcome';
import { KEEP_DAYS, purgeSettledWebhooks } from '../../../../core/webhooks/delivery/webhook-retention';
import { sendSql } from '../../../../core/store/send-sql';
import { recordConnectionEvents } from '../../../../core/webhooks/webhook-events';
import { JobsDatabase, openJobsDatabase } from '../jobs/support/jobs-database';
import { endpointFor } from './webhook-engine-kit';

const DAY = 24 * 3600 * 1000;
const T0 = new Date('2026-10-01T00:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

describe('Webhook retention (purgeSettledWebhooks, the delivery engine’s daily job)', function () {
  this.timeout(30_000);
  let db: JobsDatabase;
  before(async () => (db = await openJobsDatabase()));
  after(async () => db.close());

  /** The endpoint's deliveries with their events' `n`, in event order. */
  const deliveries = (endpointId: string) =>
    sendSql<{ id: string; n: number; state: string }[]>(
      db.em(),
      `select d.id, (ev.payload ->> 'n')::int as n, d.state from webhook_delivery d join webhook_event ev on ev.seq = d.event_seq
        where d.endpoint_id = ? order by d.event_seq`,
      [endpointId],
    );
  const eventsOf = async (connectionId: string) =>
    (await sendSql<{ n: number }[]>(db.em(), `select (payload ->> 'n')::int as n from webhook_event where connection_id = ? order by seq`, [connectionId])).map(
      (r) => r.n,
    );

  it(`deletes deliveries settled more than ${KEEP_DAYS} days ago with the events no delivery needs any more; a pending one and its event stay however old`, async () => {
    const connectionId = await db.connection('test');
    const endpoint = await endpointFor(db, connectionId, 'https://hooks.example.com/in');
    const event = (n: number) => ({ type: 'invoice.updated', data: { n } });
    await recordConnectionEvents(db.em(), connectionId, [event(0), event(1)], at(0));
    await recordConnectionEvents(db.em(), connectionId, [event(2)], at(KEEP_DAYS - 5));
    const [old, waiting, young] = await deliveries(endpoint.id);
    expect([old.n, waiting.n, young.n]).to.deep.equal([0, 1, 2]);
    // Delivered: the first at once, the third when it came. The second waits (its receiver is down).
    await recordDelivered(db.em(), endpoint.id, [{ id: old.id, status: 200 }], at(0));
    await recordDelivered(db.em(), endpoint.id, [{ id: young.id, status: 200 }], at(KEEP_DAYS - 5));

    expect(await purgeSettledWebhooks(db.em(), at(KEEP_DAYS - 1)), 'nothing is old enough yet').to.equal(0);
    expect(await eventsOf(connectionId)).to.deep.equal([0, 1, 2]);

    expect(await purgeSettledWebhooks(db.em(), at(KEEP_DAYS + 1))).to.equal(1);
    expect((await deliveries(endpoint.id)).map((d) => [d.n, d.state])).to.deep.equal([
      [1, 'pending'],
      [2, 'delivered'],
    ]);
    expect(await eventsOf(connectionId)).to.deep.equal([1, 2]);

    // A month later still: the delivered one goes, the pending one stays until it is sent.
    expect(await purgeSettledWebhooks(db.em(), at(2 * KEEP_DAYS))).to.equal(1);
    expect((await deliveries(endpoint.id)).map((d) => [d.n, d.state])).to.deep.equal([[1, 'pending']]);
    expect(await eventsOf(connectionId)).to.deep.equal([1]);
  });
});
