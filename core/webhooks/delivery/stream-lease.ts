import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../../store/send-sql';

/** A connection's (or the partner's) events to one endpoint, delivered one at a time in order. */
export interface StreamKey {
  readonly endpointId: string;
  /** The connection id, or '' for the partner's own events. */
  readonly stream: string;
}

/**
 * Takes (or renews) the stream for `holder` until `now + leaseSeconds`, unless another holder's
 * lease still runs: one sender a stream at a time across instances, so its deliveries go in order.
 * A lease (not a lock held across requests) lapses by itself when its instance dies; the next
 * holder starts again at the oldest pending delivery (at least once). False: someone else has it.
 */
export async function takeStream(em: EntityManager, key: StreamKey, holder: string, now: Date, leaseSeconds: number): Promise<boolean> {
  const rows = await sendSql<unknown[]>(
    em,
    `insert into webhook_stream (endpoint_id, stream, holder, lease_until) values (?, ?, ?, ?)
     on conflict (endpoint_id, stream) do update set holder = excluded.holder, lease_until = excluded.lease_until
       where webhook_stream.lease_until <= ? or webhook_stream.holder = excluded.holder
     returning 1`,
    [key.endpointId, key.stream, holder, new Date(now.getTime() + leaseSeconds * 1000), now],
  );
  return rows.length === 1;
}

/** Gives the stream back at once (the next due delivery need not wait for the lease to lapse). */
export async function releaseStream(em: EntityManager, key: StreamKey, holder: string): Promise<void> {
  await sendSql(em, 'delete from webhook_stream where endpoint_id = ? and stream = ? and holder = ?', [key.endpointId, key.stream, holder]);
}
