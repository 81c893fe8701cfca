import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { sendSql } from '../../store/send-sql';

/** A delivery with its event's id, type and connection, as the deliveries list shows it. */
export interface DeliveryRow {
  readonly id: string;
  readonly event_id: string;
  readonly type: string;
  readonly connection_id: string | null;
  readonly state: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly last_status: number | null;
  readonly last_error: string | null;
  readonly last_attempt_at: Date | null;
  readonly next_attempt_at: Date;
  readonly delivered_at: Date | null;
  readonly created_at: Date;
  /** The event's seq as text: the page cursor's key. */
  readonly seq: string;
}

const SELECT = `select d.id, v.id as event_id, v.type, v.connection_id, d.state, d.attempts, d.last_status, d.last_error,
  d.last_attempt_at, d.next_attempt_at, d.delivered_at, d.created_at, d.event_seq::text as seq
  from webhook_delivery d join webhook_event v on v.seq = d.event_seq`;

export type DeliveryState = DeliveryRow['state'];

/**
 * An endpoint's deliveries, newest event first, `limit` of them after the cursor's seq. An
 * endpoint has at most one delivery per event (a retry reuses the row), so the seq orders a page.
 */
export function deliveriesOf(
  em: EntityManager,
  endpointId: string,
  page: { limit: number; beforeSeq?: string; state?: DeliveryState },
): Promise<DeliveryRow[]> {
  return sendSql<DeliveryRow[]>(
    em,
    `${SELECT} where d.endpoint_id = ? and (?::bigint is null or d.event_seq < ?::bigint) and (?::text is null or d.state = ?::text)
     order by d.event_seq desc limit ?`,
    [endpointId, page.beforeSeq ?? null, page.beforeSeq ?? null, page.state ?? null, page.state ?? null, page.limit],
  );
}

export async function deliveryOf(em: EntityManager, endpointId: string, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await sendSql<DeliveryRow[]>(em, `${SELECT} where d.endpoint_id = ? and d.id = ?`, [endpointId, id]);
  return row;
}

/**
 * Sends the delivery again from the start (a failed one, or a manual replay of a delivered one):
 * pending, no attempts, due now. The last attempt's status and error stay, as its history.
 */
export async function retryDelivery(em: EntityManager, endpointId: string, id: string, now: Date): Promise<boolean> {
  const rows = await sendSql<{ id: string }[]>(
    em,
    `update webhook_delivery set state = 'pending', attempts = 0, next_attempt_at = ?, delivered_at = null
      where endpoint_id = ? and id = ? returning id`,
    [now, endpointId, id],
  );
  return rows.length === 1;
}

/**
 * A `webhook.test` event with one delivery, to this endpoint only, whatever types it listens to:
 * recordWebhookEvents would fan it out to every endpoint that takes the type.
 */
export async function insertTestEvent(
  em: EntityManager,
  partnerId: string,
  endpointId: string,
  data: unknown,
  now: Date,
): Promise<{ eventId: string; deliveryId: string }> {
  const eventId = `msg_${randomUUID().replace(/-/g, '')}`;
  const deliveryId = randomUUID();
  await sendSql(
    em,
    `with ev as (insert into webhook_event (id, partner_id, connection_id, type, payload, created_at)
                 values (?, ?, null, 'webhook.test', ?::jsonb, ?) returning seq)
     insert into webhook_delivery (id, endpoint_id, event_seq, stream, next_attempt_at, created_at)
     select ?, ?, ev.seq, '', ?, ? from ev`,
    [eventId, partnerId, JSON.stringify(data), now, deliveryId, endpointId, now, now],
  );
  return { eventId, deliveryId };
}
