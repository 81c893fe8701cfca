import type { EntityManager } from '@mikro-orm/postgresql';
import { arrayLiteral } from '../../store/insert-rows';
import { sendSql } from '../../store/send-sql';

/** A webhook_endpoint row as the views read it, with its deliveries' counts. */
export interface EndpointRow {
  readonly id: string;
  readonly url: string;
  readonly events: string[] | null;
  readonly enabled: boolean;
  readonly disabled_at: Date | null;
  readonly disabled_reason: string | null;
  readonly failing_since: Date | null;
  readonly created_at: Date;
  readonly pending: number;
  readonly failed: number;
}

const COLUMNS = `e.id, e.url, e.events, e.enabled, e.disabled_at, e.disabled_reason, e.failing_since, e.created_at,
  (select count(*)::int from webhook_delivery d where d.endpoint_id = e.id and d.state = 'pending') as pending,
  (select count(*)::int from webhook_delivery d where d.endpoint_id = e.id and d.state = 'failed') as failed`;

/** The partner's endpoints, oldest first (the order they were added in). */
export function endpointsOf(em: EntityManager, partnerId: string): Promise<EndpointRow[]> {
  return sendSql<EndpointRow[]>(em, `select ${COLUMNS} from webhook_endpoint e where e.partner_id = ? order by e.created_at, e.id`, [partnerId]);
}

/** One of the partner's endpoints; another partner's reads as missing. */
export async function endpointOf(em: EntityManager, partnerId: string, id: string): Promise<EndpointRow | undefined> {
  const [row] = await sendSql<EndpointRow[]>(em, `select ${COLUMNS} from webhook_endpoint e where e.partner_id = ? and e.id = ?`, [partnerId, id]);
  return row;
}

export interface NewEndpoint {
  readonly id: string;
  readonly partnerId: string;
  readonly url: string;
  readonly events: readonly string[] | null;
  readonly secret: string;
}

/**
 * Adds an endpoint unless the partner has `max` already. The partner's row is locked first, so
 * two registrations at once cannot both pass the count. Returns false when the limit refused it.
 */
export async function insertEndpoint(em: EntityManager, input: NewEndpoint, max: number, now: Date): Promise<boolean> {
  return em.transactional(async (tx) => {
    await sendSql(tx, 'select id from partner where id = ? for update', [input.partnerId]);
    const inserted = await sendSql<{ id: string }[]>(
      tx,
      `insert into webhook_endpoint (id, partner_id, url, events, secret, created_at, updated_at)
       select ?, ?, ?, ?::text[], ?, ?, ? where (select count(*) from webhook_endpoint where partner_id = ?) < ? returning id`,
      [input.id, input.partnerId, input.url, input.events && arrayLiteral(input.events), input.secret, now, now, input.partnerId, max],
    );
    return inserted.length === 1;
  });
}

export interface EndpointChange {
  readonly url?: string;
  /** null: every type. */
  readonly events?: readonly string[] | null;
  readonly enabled?: boolean;
}

/**
 * Applies a partner's change. Enabling clears the disabled state and the failure run, and makes
 * its waiting deliveries due now (they waited while it was off); disabling records when and why.
 */
export async function updateEndpoint(em: EntityManager, partnerId: string, id: string, change: EndpointChange, now: Date): Promise<boolean> {
  const enabled = change.enabled ?? null;
  return em.transactional(async (tx) => {
    const rows = await sendSql<{ id: string }[]>(
      tx,
      `update webhook_endpoint set
         url = coalesce(?, url),
         events = case when ?::boolean then ?::text[] else events end,
         enabled = coalesce(?::boolean, enabled),
         disabled_at = case when ?::boolean is true then null when ?::boolean is false and enabled then ?::timestamptz else disabled_at end,
         disabled_reason = case when ?::boolean is true then null when ?::boolean is false and enabled then 'Disabled through the API.' else disabled_reason end,
         failing_since = case when ?::boolean is true then null else failing_since end,
         updated_at = ?
       where partner_id = ? and id = ? returning id`,
      [
        change.url ?? null,
        change.events !== undefined,
        change.events ? arrayLiteral(change.events) : null,
        ...[enabled, enabled, enabled, now, enabled, enabled, enabled],
        now,
        partnerId,
        id,
      ],
    );
    if (rows.length === 0) return false;
    if (change.enabled === true) await sendSql(tx, `update webhook_delivery set next_attempt_at = ? where endpoint_id = ? and state = 'pending'`, [now, id]);
    return true;
  });
}

/** Deletes the endpoint and (cascade) its deliveries. */
export async function deleteEndpoint(em: EntityManager, partnerId: string, id: string): Promise<boolean> {
  const rows = await sendSql<{ id: string }[]>(em, 'delete from webhook_endpoint where partner_id = ? and id = ? returning id', [partnerId, id]);
  return rows.length === 1;
}
