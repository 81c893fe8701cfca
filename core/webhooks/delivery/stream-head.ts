import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../../store/send-sql';
import type { StreamKey } from './stream-lease';

/**
 * The event was written by a transaction older than every transaction still running: no event
 * with a lower `seq` can still appear. Two transactions of one connection may take their `seq` in
 * one order and commit in the other; without this a stream could send the later first.
 */
const SETTLED = 'ev.xid < pg_snapshot_xmin(pg_current_snapshot())';

/** A delivery ready to send, with what its request needs. */
export interface ReadyDelivery {
  readonly id: string;
  readonly attempts: number;
  readonly event_id: string;
  readonly type: string;
  readonly payload: unknown;
  readonly created_at: Date;
}

/** The endpoint a stream sends to, as it stands now. */
export interface StreamEndpoint {
  readonly id: string;
  readonly partner_id: string;
  readonly url: string;
  readonly secret: string;
}

/**
 * The stream's next deliveries to send, oldest first: the run of pending ones from the oldest
 * that are due and settled, at most `limit`; it stops before the first that is not (a retry not
 * yet due holds everything behind it). Empty when the endpoint is disabled or gone.
 */
export async function readyRun(em: EntityManager, key: StreamKey, now: Date, limit: number): Promise<{ endpoint?: StreamEndpoint; run: ReadyDelivery[] }> {
  const [endpoint] = await sendSql<StreamEndpoint[]>(em, 'select id, partner_id, url, secret from webhook_endpoint where id = ? and enabled', [key.endpointId]);
  if (!endpoint) return { run: [] };
  const rows = await sendSql<(ReadyDelivery & { ready: boolean })[]>(
    em,
    `select d.id, d.attempts, ev.id as event_id, ev.type, ev.payload, ev.created_at, (d.next_attempt_at <= ? and ${SETTLED}) as ready
       from webhook_delivery d join webhook_event ev on ev.seq = d.event_seq
      where d.endpoint_id = ? and d.stream = ? and d.state = 'pending' order by d.event_seq limit ?`,
    [now, key.endpointId, key.stream, limit],
  );
  const firstNotReady = rows.findIndex((r) => !r.ready);
  return { endpoint, run: firstNotReady === -1 ? rows : rows.slice(0, firstNotReady) };
}

/**
 * The streams whose oldest pending delivery is due and settled and which nobody holds, over enabled
 * endpoints: a skip scan of the pending index, one probe a stream, so a receiver that is down
 * with a long queue behind it costs no more to look at than one that is up.
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
       left join webhook_stream l on l.endpoint_id = s.endpoint_id and l.stream = s.stream
       cross join lateral (select d.next_attempt_at, ev.xid from webhook_delivery d join webhook_event ev on ev.seq = d.event_seq
          where d.state = 'pending' and d.endpoint_id = s.endpoint_id and d.stream = s.stream order by d.event_seq limit 1) h
      where h.next_attempt_at <= ? and (l.lease_until is null or l.lease_until <= ?) and ${SETTLED.replace('ev.', 'h.')}
      limit ?`,
    [now, now, limit],
  );
  return rows.map((r) => ({ endpointId: r.endpoint_id, stream: r.stream }));
}
