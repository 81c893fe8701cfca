import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { entryOf } from '../store/entry-of';
import { sendSql } from '../store/send-sql';

/**
 * One event as its emitter tells it: a Standard Webhooks type (`invoice.created`), the
 * connection it belongs to (its deliveries keep that connection's order; null for an event of
 * the partner as a whole), and `data` in the shape of the REST resource it speaks of.
 */
export interface WebhookEventInput {
  readonly type: string;
  readonly connectionId: string | null;
  readonly data: unknown;
}

/** Which event types any of a partner's enabled endpoints listens to. */
export interface EventAudience {
  /** True when at least one enabled endpoint takes this type: the emitter builds `data` only then. */
  wants(type: string): boolean;
}

const NOBODY: EventAudience = { wants: () => false };

/** Audiences already asked in a transaction, by connection: a transaction asks once per connection. */
const askedIn = new WeakMap<object, Map<string, Promise<EventAudience>>>();

/**
 * Who listens to the events of a connection's partner, in one query a transaction: emitters ask
 * before they build an event's data (a Web Connector answer asked it up to four times, one
 * round trip each, for a partner without webhooks). An endpoint registered while the change's
 * transaction runs may miss that change's event: an endpoint receives events of changes
 * committed after it was.
 */
export function eventAudience(em: EntityManager, connectionId: string): Promise<EventAudience> {
  const asked = askedInTransactionOf(em);
  if (!asked) return askAudience(em, connectionId);
  let audience = asked.get(connectionId);
  if (!audience) {
    audience = askAudience(em, connectionId);
    asked.set(connectionId, audience);
    // A failed ask is not kept: the caller's fallback may run the work again in this transaction.
    audience.catch(() => asked.delete(connectionId));
  }
  return audience;
}

function askedInTransactionOf(em: EntityManager): Map<string, Promise<EventAudience>> | undefined {
  const transaction = em.getTransactionContext<object>();
  if (!transaction) return undefined;
  return entryOf(askedIn, transaction, () => new Map());
}

async function askAudience(em: EntityManager, connectionId: string): Promise<EventAudience> {
  const [row] = await sendSql<{ audience: (string[] | null)[] }[]>(em, `select ${audienceOfConnection('?')} as audience`, [connectionId]);
  return audienceOf(row.audience);
}

/**
 * A select-list expression for who listens to the events of the connection `connectionIdSql`
 * names (the event types of each enabled endpoint of its partner, null for all), for a statement
 * that reads it with the row it belongs to; hand the value to primeAudience.
 */
export function audienceOfConnection(connectionIdSql: string): string {
  return `(select coalesce(json_agg(e.events), '[]'::json) from webhook_endpoint e join connection c on c.partner_id = e.partner_id
      where c.id = ${connectionIdSql} and e.enabled)`;
}

/** The audience read by another statement of `em`'s transaction (audienceOfConnection): its emitters need not ask. */
export function primeAudience(em: EntityManager, connectionId: string, audience: readonly (readonly string[] | null)[]): void {
  const asked = askedInTransactionOf(em);
  if (asked && !asked.has(connectionId)) asked.set(connectionId, Promise.resolve(audienceOf(audience)));
}

function audienceOf(endpoints: readonly (readonly string[] | null)[]): EventAudience {
  if (endpoints.length === 0) return NOBODY;
  if (endpoints.some((events) => events === null)) return { wants: () => true };
  const types = new Set(endpoints.flatMap((events) => events ?? []));
  return { wants: (type) => types.has(type) };
}

/**
 * Writes events into the outbox of events, in the caller's transaction (so an event exists
 * exactly when its change does), and in the same statement one delivery per event and enabled
 * endpoint that takes its type. Events of one call keep their order (`seq`). Ids are
 * `msg_` + 32 hex digits: stable across retries, no `.` (the signature joins id, time and body with dots).
 *
 * @example await recordWebhookEvents(em, partnerId, [{ type: 'invoice.created', connectionId, data: view }], now);
 */
export async function recordWebhookEvents(em: EntityManager, partnerId: string, events: readonly WebhookEventInput[], now: Date): Promise<void> {
  if (events.length === 0) return;
  const input = events.map((e, ord) => ({
    id: `msg_${randomUUID().replace(/-/g, '')}`,
    connection_id: e.connectionId,
    type: e.type,
    payload: e.data ?? null,
    ord,
  }));
  await sendSql(
    em,
    `with input as (select * from jsonb_to_recordset(?::jsonb) as x(id text, connection_id uuid, type text, payload jsonb, ord int)),
     ev as (insert into webhook_event (id, partner_id, connection_id, type, payload, created_at)
            select id, ?, connection_id, type, coalesce(payload, 'null'::jsonb), ? from input order by ord
            returning seq, connection_id, type)
     insert into webhook_delivery (id, endpoint_id, event_seq, stream, next_attempt_at, created_at)
     select gen_random_uuid(), e.id, ev.seq, coalesce(ev.connection_id::text, ''), ?, ?
       from ev join webhook_endpoint e on e.partner_id = ? and e.enabled and (e.events is null or ev.type = any(e.events))`,
    [JSON.stringify(input), partnerId, now, now, now, partnerId],
  );
}

/** As recordWebhookEvents, for a connection's events when only the connection is known. */
export async function recordConnectionEvents(
  em: EntityManager,
  connectionId: string,
  events: readonly Omit<WebhookEventInput, 'connectionId'>[],
  now: Date,
): Promise<void> {
  if (events.length === 0) return;
  const [row] = await sendSql<{ partner_id: string }[]>(em, 'select partner_id from connection where id = ?', [connectionId]);
  if (!row) return;
  await recordWebhookEvents(
    em,
    row.partner_id,
    events.map((e) => ({ ...e, connectionId })),
    now,
  );
}
