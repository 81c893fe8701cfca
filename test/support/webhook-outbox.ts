import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { sendSql } from '../../core/store/send-sql';
import type { TestService } from './test-service';

export interface RecordedEvent {
  readonly type: string;
  readonly connectionId: string | null;
  readonly data: Record<string, unknown>;
  /** Deliveries of the event, by state. */
  readonly deliveries: string[];
}

const em = (test: TestService) => test.service.database.orm.em.fork() as EntityManager;

/**
 * A partner's webhook endpoint, inserted as a row: setup for the emitters' tests, which are about
 * the events written, not about registering (the management API has its own tests).
 */
export async function addWebhookEndpoint(test: TestService, connectionId: string, events: readonly string[] | null = null): Promise<string> {
  const [row] = await sendSql<{ partner_id: string }[]>(em(test), 'select partner_id from connection where id = ?', [connectionId]);
  return addPartnerWebhookEndpoint(test, row.partner_id, events);
}

/** The partner's events of a connection in the order written (by `seq`), with their deliveries' states. */
export async function recordedEvents(test: TestService, connectionId: string, types?: readonly string[]): Promise<RecordedEvent[]> {
  const rows = await sendSql<{ type: string; connection_id: string | null; payload: Record<string, unknown>; deliveries: string[] }[]>(
    em(test),
    `select e.type, e.connection_id, e.payload,
            coalesce(array_agg(d.state order by d.id) filter (where d.id is not null), '{}') as deliveries
       from webhook_event e left join webhook_delivery d on d.event_seq = e.seq
      where e.connection_id = ? group by e.seq order by e.seq`,
    [connectionId],
  );
  return rows
    .filter((r) => !types || types.includes(r.type))
    .map((r) => ({ type: r.type, connectionId: r.connection_id, data: r.payload, deliveries: r.deliveries }));
}

/** As addWebhookEndpoint, for a partner before it has any connection (to hear its first connect). */
export async function addPartnerWebhookEndpoint(test: TestService, partnerId: string, events: readonly string[] | null = null): Promise<string> {
  const id = randomUUID();
  await sendSql(
    em(test),
    `insert into webhook_endpoint (id, partner_id, url, events, secret, created_at, updated_at)
     values (?, ?, 'https://receiver.example/hooks', ?::text[], 'whsec_dGVzdA==', now(), now())`,
    [id, partnerId, events === null ? null : `{${events.join(',')}}`],
  );
  return id;
}
