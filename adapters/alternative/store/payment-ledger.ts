import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { arrayLiteral } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';
import type { SqlStatement } from '../../../core/store/send-together';
import { Money, parseMoney } from '../../../core/values/money';
import { AltInvoiceRow, lockInvoice } from './invoice-ledger';

export interface AltPaymentRow {
  readonly id: string;
  readonly connection_id: string;
  readonly invoice_id: string;
  readonly amount: string;
  readonly received_on: string;
  readonly method: string | null;
  readonly reference: string | null;
  readonly status: 'succeeded' | 'failed';
  /** Why the payment stays on the platform (its invoice exists only here); null when it flows on. */
  readonly kept_reason: string | null;
  /** created_at as PostgreSQL writes it: exact, for page cursors. */
  readonly created_key: string;
}

/** Where a page of newest-first rows stops: the last row's creation time and id. */
export interface NewestFirstKey {
  readonly createdAt: string;
  readonly id: string;
}

// One column list for every read of a payment, and for what an update returns.
const COLUMNS = `id, connection_id, invoice_id, amount::text, to_char(received_on, 'YYYY-MM-DD') as received_on, method, reference, status, kept_reason, created_at::text as created_key`;
const SELECT = `select ${COLUMNS} from alt_payment`;

/**
 * A succeeded payment. One kept on the platform (`keptReason`) is in the ledger's own balance at
 * once, so it counts as reflected from the start.
 */
export async function createPayment(
  em: EntityManager,
  p: { connectionId: string; invoiceId: string; amount: string; receivedOn: string; method?: string; reference?: string; keptReason?: string; now: Date },
): Promise<string> {
  const id = randomUUID();
  await sendSql(
    em,
    'insert into alt_payment (id, connection_id, invoice_id, amount, received_on, method, reference, status, kept_reason, reflected_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      id,
      p.connectionId,
      p.invoiceId,
      p.amount,
      p.receivedOn,
      p.method ?? null,
      p.reference ?? null,
      'succeeded',
      p.keptReason ?? null,
      p.keptReason ? p.now : null,
      p.now,
      p.now,
    ],
  );
  return id;
}

/** An invoice as a new payment needs it, locked for the caller's transaction. */
export type InvoiceToPay = AltInvoiceRow & {
  /** The platform's succeeded payments on it that its balance does not show yet. */
  readonly unreflected: Money;
};

/** The platform's succeeded payments on an invoice that its balance (QuickBooks', as last read) does not show yet. */
export async function unreflectedPayments(em: EntityManager, invoiceId: string): Promise<Money> {
  const [{ sum }] = await sendSql<{ sum: string }[]>(
    em,
    `select coalesce(sum(amount), 0)::text as sum from alt_payment where invoice_id = ?::uuid and status = 'succeeded' and reflected_at is null`,
    [invoiceId],
  );
  return parseMoney(sum);
}

/**
 * The invoice a payment is for, its row locked until the caller's transaction ends: payments on
 * one invoice are taken one at a time, on any instance, and each sees the ones before it.
 */
export async function lockInvoiceToPay(em: EntityManager, connectionId: string, invoiceId: string): Promise<InvoiceToPay | undefined> {
  const invoice = await lockInvoice(em, connectionId, invoiceId);
  if (!invoice) return undefined;
  // A statement of its own, after the lock: its snapshot then includes the payment of whoever held the lock before us.
  return { ...invoice, unreflected: await unreflectedPayments(em, invoice.id) };
}

/**
 * After invoices were read again from the accounting system: the payments on them that system
 * had already taken (their write is done) are now in the balance just read. A statement for the
 * caller to send with the invoices' own writes (it touches payments only); none for no invoices.
 */
export function paymentsReflected(invoiceIds: readonly string[], now: Date): SqlStatement[] {
  if (invoiceIds.length === 0) return [];
  return [
    {
      sql: `update alt_payment p set reflected_at = ? where p.invoice_id = any(?::uuid[]) and p.reflected_at is null
       and exists (select 1 from outbox o where o.item = 'payment' and o.source_id = p.id::text and o.state = 'done')`,
      params: [now, arrayLiteral(invoiceIds)],
    },
  ];
}

/** The connection's payments among these ids, in one query (ids must be UUIDs), locked in id order until the transaction ends: a fail of one of them waits. */
export async function paymentsByIds(em: EntityManager, connectionId: string, ids: readonly string[]): Promise<Map<string, AltPaymentRow>> {
  if (ids.length === 0) return new Map();
  const rows = await sendSql<AltPaymentRow[]>(em, `${SELECT} where connection_id = ? and id = any(?::uuid[]) order by id for update`, [
    connectionId,
    arrayLiteral(ids),
  ]);
  return new Map(rows.map((r) => [r.id, r]));
}

export async function paymentById(em: EntityManager, id: string): Promise<AltPaymentRow | undefined> {
  return (await sendSql<AltPaymentRow[]>(em, `${SELECT} where id = ?`, [id]))[0];
}

/** A page of a connection's payments, newest first. */
export async function paymentsOf(em: EntityManager, connectionId: string, limit: number, after?: NewestFirstKey): Promise<AltPaymentRow[]> {
  return after
    ? sendSql<AltPaymentRow[]>(
        em,
        `${SELECT} where connection_id = ? and (created_at, id) < (?::timestamptz, ?::uuid) order by created_at desc, id desc limit ?`,
        [connectionId, after.createdAt, after.id, limit],
      )
    : sendSql<AltPaymentRow[]>(em, `${SELECT} where connection_id = ? order by created_at desc, id desc limit ?`, [connectionId, limit]);
}

/**
 * Fails a succeeded payment; false when it had failed already. The row is locked by the update, so
 * two fails of one payment (a retried webhook) take turns and only the first changes anything.
 */
export async function markPaymentFailed(em: EntityManager, id: string, now: Date): Promise<boolean> {
  const rows = await sendSql<unknown[]>(em, `update alt_payment set status = 'failed', updated_at = ? where id = ? and status = 'succeeded' returning id`, [
    now,
    id,
  ]);
  return rows.length > 0;
}

/**
 * The payments kept on the platform for an invoice that is now on its way to an accounting
 * system: no longer kept, and not yet in its balance. Returned so they can be sent after it.
 */
export async function releaseKeptPayments(em: EntityManager, invoiceId: string, now: Date): Promise<AltPaymentRow[]> {
  return sendSql<AltPaymentRow[]>(
    em,
    `update alt_payment set kept_reason = null, reflected_at = null, updated_at = ? where invoice_id = ?::uuid and kept_reason is not null and status = 'succeeded'
     returning ${COLUMNS}`,
    [now, invoiceId],
  );
}

/** The connection's payments among these ids, in one query, without a lock (for views). */
export async function paymentRowsByIds(em: EntityManager, connectionId: string, ids: readonly string[]): Promise<AltPaymentRow[]> {
  return ids.length === 0 ? [] : sendSql<AltPaymentRow[]>(em, `${SELECT} where connection_id = ? and id = any(?::uuid[])`, [connectionId, arrayLiteral(ids)]);
}
