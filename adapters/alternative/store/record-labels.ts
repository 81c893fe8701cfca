import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../../../core/store/send-sql';
import { customerOfInvoice } from './invoice-ledger';

/** What the partner knows a record by: its number or name, whose it is, how much, when. */
export interface RecordLabel {
  readonly name: string;
  readonly customer?: string;
  readonly amount?: string;
  readonly date?: string;
}

/** A record a sync-log line names: by the id in the system the change came from (ours or the other system's). */
export interface LabelWanted {
  readonly item: string;
  readonly sourceId: string;
}

export const labelKey = (item: string, id: string) => `${item}|${id}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const list = (ids: readonly string[]) => (ids.length ? ids.map(() => '?').join(', ') : 'null');

/**
 * The ledger's names for the records a page of the sync log speaks of, one query per kind of
 * record whatever the page's length. A line's id is the other system's id for what came from
 * there and ours for what went there; both are looked up. Archived and deleted records keep
 * their rows, so they keep their names.
 */
export async function recordLabels(em: EntityManager, connectionId: string, wanted: readonly LabelWanted[]): Promise<Map<string, RecordLabel>> {
  const labels = new Map<string, RecordLabel>();
  const idsOf = (item: string) => [...new Set(wanted.filter((w) => w.item === item).map((w) => w.sourceId))];
  const ours = (ids: readonly string[]) => ids.filter((id) => UUID.test(id));
  const customerName = `(select c.full_name ${customerOfInvoice('i')} limit 1)`;

  const invoices = idsOf('invoice');
  if (invoices.length) {
    const rows = await sendSql<{ id: string; source_id: string; number: string | null; total: string; customer: string | null }[]>(
      em,
      `select i.id::text, i.source_id, i.number, i.total::text, ${customerName} as customer from alt_invoice i
        where i.connection_id = ? and (i.source_id in (${list(invoices)}) or i.id in (${list(ours(invoices))}))`,
      [connectionId, ...invoices, ...ours(invoices)],
    );
    for (const r of rows) {
      const label = { name: r.number ?? 'without a number', customer: r.customer ?? undefined, amount: r.total };
      labels.set(labelKey('invoice', r.id), label).set(labelKey('invoice', r.source_id), label);
    }
  }
  const customers = idsOf('customer');
  if (customers.length) {
    const rows = await sendSql<{ id: string; source_id: string; full_name: string }[]>(
      em,
      `select id::text, source_id, full_name from alt_customer where connection_id = ? and (source_id in (${list(customers)}) or id in (${list(ours(customers))}))`,
      [connectionId, ...customers, ...ours(customers)],
    );
    for (const r of rows) labels.set(labelKey('customer', r.id), { name: r.full_name }).set(labelKey('customer', r.source_id), { name: r.full_name });
  }
  const payments = ours(idsOf('payment'));
  if (payments.length) {
    const rows = await sendSql<{ id: string; amount: string; received_on: string; number: string | null; customer: string | null }[]>(
      em,
      `select p.id::text, p.amount::text, to_char(p.received_on, 'YYYY-MM-DD') as received_on, i.number, ${customerName} as customer
         from alt_payment p join alt_invoice i on i.id = p.invoice_id where p.connection_id = ? and p.id in (${list(payments)})`,
      [connectionId, ...payments],
    );
    for (const r of rows)
      labels.set(labelKey('payment', r.id), {
        name: r.number ?? 'an invoice without a number',
        customer: r.customer ?? undefined,
        amount: r.amount,
        date: r.received_on,
      });
  }
  const payouts = ours(idsOf('deposit'));
  if (payouts.length) {
    const rows = await sendSql<{ id: string; total: string; paid_on: string }[]>(
      em,
      `select id::text, total::text, to_char(paid_on, 'YYYY-MM-DD') as paid_on from alt_payout where connection_id = ? and id in (${list(payouts)})`,
      [connectionId, ...payouts],
    );
    for (const r of rows) labels.set(labelKey('deposit', r.id), { name: r.paid_on, amount: r.total, date: r.paid_on });
  }
  return labels;
}
