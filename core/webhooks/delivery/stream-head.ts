import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../../store/send-sql';

/**
 * The head's event was written by a transaction older than every transaction still running: no
 * event with a lower `seq` can still appear. Two transactions of one connection may take their
 * `seq` in one order and commit in the other; without this a stream could send the later first.
 */
const SETTLED = 'ev.xid < pg_snapshot_xmin(pg_current_snapshot())';

/** A connection's (or the partner's) events to one endpoint, delivered one at a time in order. */
export interface StreamKey {
  readonly endpointId: string;
  /** The connection id, or '' for the partner's own events. */
  readonly stream: string;
}

/** The delivery a stream sends next, claimed, with what its request needs. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly attempts: number;
  readonly endpoint_id: string;
  readonly partner_id: string;
  readonly url: string;
  readonly secret: string;
  readonly event_id: string;
  readonly type: string;
  readonly payload: unknown;
  readonly created_at: Date;
}

/**
 * Claims the stream's oldest pending delivery when it is due and nobody holds it: a lease (not a
 * lock held across the request) so that a twin job, or one left by a killed instance, cannot send
 * it at the same time nor send a later one first. The attempt is counted as it starts, so an
 * instance killed mid-request still leaves it counted. Undefined: nothing to send now.
 */
export async function claimHead(em: EntityManager, key: StreamKey, now: Date, leaseSeconds: number): Promise<ClaimedDelivery | undefined> {
  const rows = await sendSql<ClaimedDelivery[]>(
    em,
    `with head as (select id from webhook_delivery where endpoint_id = ? and stream = ? and state = 'pending' order by event_seq limit 1)
     update webhook_delivery d set lease_until = ?, attempts = d.attempts + 1, last_attempt_at = ?
       from head, webhook_endpoint e, webhook_event ev
      where d.id = head.id and e.id = d.endpoint_id and e.enabled and ev.seq = d.event_seq and ${SETTLED}
        and d.next_attempt_at <= ? and (d.lease_until is null or d.lease_until <= ?)
      returning d.id, d.attempts, d.endpoint_id, e.partner_id, e.url, e.secret, ev.id as event_id, ev.type, ev.payload, ev.created_at`,
    [key.endpointId, key.stream, new Date(now.getTime() + leaseSeconds * 1000), now, now, now],
  );
  return rows[0];
}

/**
 * The streams whose head is due and free, over enabled endpoints: a skip scan of the pending
 * index, one probe a stream, so a receiver that is down with a long queue behind it costs no
 * more to look at than one that is up.
 */
export async function dueStreams(em: EntityManager, now: Date, limit: number): Promise<StreamKey[]> {
  const rows = await sendSql<{ endpoint_id: string; stream: string }[]>(
    em,
    `with recursive s as (
       (select endpoint_id, stream from webhook_delivery where state = 'pending' order by endpoint_id, stream limit 1)
       union all
       select n.endpoint_id, n.stream from s, lateral (
         select endpoint_id, stream from webhook_delivery
          where state = 'pending' and (endpoint_id, stream) > (s.endpoint_id, s.stream) order by endpoint_id, stream limit 1) n)
     select s.endpoint_id, s.stream from s
       join webhook_endpoint e on e.id = s.endpoint_id and e.enabled
       cross join lateral (select d.next_attempt_at, d.lease_until, ev.xid from webhook_delivery d join webhook_event ev on ev.seq = d.event_seq
          where d.state = 'pending' and d.endpoint_id = s.endpoint_id and d.stream = s.stream order by d.event_seq limit 1) h
      where h.next_attempt_at <= ? and (h.lease_until is null or h.lease_until <= ?) and ${SETTLED.replace('ev.', 'h.')}
      limit ?`,
    [now, now, limit],
  );
  return rows.map((r) => ({ endpointId: r.endpoint_id, stream: r.stream }));
}
