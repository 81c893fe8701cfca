import type { EntityManager } from '@mikro-orm/postgresql';
import type { NewestFirstKey } from './payment-ledger';
import { randomUUID } from 'node:crypto';
import { arrayLiteral, insertRows } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';

export async function createPayout(
  em: EntityManager,
  p: { connectionId: string; paidOn: string; total: string; paymentIds: readonly string[]; now: Date },
): Promise<string> {
  const id = randomUUID();
  await sendSql(em, 'insert into alt_payout (id, connection_id, paid_on, total, created_at) values (?, ?, ?, ?, ?)', [
    id,
    p.connectionId,
    p.paidOn,
    p.total,
    p.now,
  ]);
  await insertRows(
    em,
    'alt_payout_payment',
    ['payout_id', 'payment_id'],
    p.paymentIds.map((paymentId) => [id, paymentId]),
  );
  return id;
}

/** Payment ids already paid out, among the given ones. */
export async function alreadyPaidOut(em: EntityManager, paymentIds: readonly string[]): Promise<string[]> {
  if (paymentIds.length === 0) return [];
  const rows = await sendSql<{ payment_id: string }[]>(
    em,
    `select payment_id from alt_payout_payment where payment_id in (${paymentIds.map(() => '?').join(', ')})`,
    [...paymentIds],
  );
  return rows.map((r) => r.payment_id);
}

const SELECT_PAYOUTS = `select p.id, to_char(p.paid_on, 'YYYY-MM-DD') as paid_on, p.total::text as total, p.created_at::text as created_key,
       coalesce(array_agg(pp.payment_id::text order by pp.payment_id) filter (where pp.payment_id is not null), '{}') as payment_ids
     from alt_payout p left join alt_payout_payment pp on pp.payout_id = p.id`;

export interface AltPayoutRow {
  readonly id: string;
  readonly paid_on: string;
  readonly total: string;
  readonly payment_ids: string[];
  readonly created_key: string;
}

/** A connection's payouts, newest first, with the payments each carries. */
export async function payoutsOf(em: EntityManager, connectionId: string, limit: number, after?: NewestFirstKey): Promise<AltPayoutRow[]> {
  return sendSql<AltPayoutRow[]>(
    em,
    `${SELECT_PAYOUTS}
     where p.connection_id = ? ${after ? 'and (p.created_at, p.id) < (?::timestamptz, ?::uuid)' : ''}
     group by p.id order by p.created_at desc, p.id desc limit ?`,
    after ? [connectionId, after.createdAt, after.id, limit] : [connectionId, limit],
  );
}

/** The connection's payouts among these ids, with their payments, in one query. */
export async function payoutsByIds(em: EntityManager, connectionId: string, ids: readonly string[]): Promise<AltPayoutRow[]> {
  if (ids.length === 0) return [];
  return sendSql<AltPayoutRow[]>(em, `${SELECT_PAYOUTS} where p.connection_id = ? and p.id = any(?::uuid[]) group by p.id`, [connectionId, arrayLiteral(ids)]);
}
