import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Invoice } from '../../../core/items/invoice';

export interface AltInvoiceRow {
  readonly id: string;
  readonly source_system: string;
  readonly source_id: string;
  readonly source_version: string | null;
  readonly customer_source_id: string;
  readonly number: string | null;
  readonly txn_date: string;
  readonly due_date: string | null;
  readonly memo: string | null;
  readonly subtotal: string;
  readonly sales_tax: string;
  readonly total: string;
  readonly balance: string;
  readonly status: string;
  readonly archived_at: Date | null;
  readonly deleted_at: Date | null;
}

export interface AltInvoiceLineRow {
  readonly position: number;
  readonly source_line_id: string;
  readonly item_name: string | null;
  readonly description: string | null;
  readonly quantity: string | null;
  readonly rate: string | null;
  readonly amount: string;
}

// Dates come back as text so that a calendar date is never shifted by a time zone.
const SELECT = `select id, source_system, source_id, source_version, customer_source_id, number, to_char(txn_date, 'YYYY-MM-DD') as txn_date,
  to_char(due_date, 'YYYY-MM-DD') as due_date, memo, subtotal::text, sales_tax::text, total::text, balance::text, status, archived_at, deleted_at from alt_invoice`;

export async function invoiceBySource(em: EntityManager, connectionId: string, system: string, sourceId: string): Promise<AltInvoiceRow | undefined> {
  return (await em.execute<AltInvoiceRow[]>(`${SELECT} where connection_id = ? and source_system = ? and source_id = ?`, [connectionId, system, sourceId]))[0];
}

/** Which columns each field group of an invoice owns (lines are their own table). */
const GROUP_COLUMNS: Readonly<Record<string, readonly (readonly [string, (i: Invoice) => unknown])[]>> = {
  header: [['customer_source_id', (i) => i.customerId], ['number', (i) => i.number ?? null], ['txn_date', (i) => i.txnDate], ['memo', (i) => i.memo ?? null]],
  amounts: [['subtotal', (i) => i.subtotal], ['sales_tax', (i) => i.salesTax], ['total', (i) => i.total]],
  'due-date': [['due_date', (i) => i.dueDate ?? null]],
  balance: [['balance', (i) => i.balance]],
  status: [['status', (i) => i.status]],
};

async function writeLines(em: EntityManager, invoiceId: string, invoice: Invoice): Promise<void> {
  await em.execute('delete from alt_invoice_line where invoice_id = ?', [invoiceId]);
  for (const [position, l] of invoice.lines.entries()) {
    await em.execute('insert into alt_invoice_line (invoice_id, position, source_line_id, item_name, description, quantity, rate, amount) values (?, ?, ?, ?, ?, ?, ?, ?)', [
      invoiceId, position, l.id, l.itemName ?? null, l.description ?? null, l.quantity ?? null, l.rate ?? null, l.amount,
    ]);
  }
}

/** Creates an invoice whole, or updates only the allowed field groups of an existing one. */
export async function upsertInvoice(em: EntityManager, input: { connectionId: string; system: string; version?: string; invoice: Invoice; groups: readonly string[]; now: Date }): Promise<string> {
  const i = input.invoice;
  const existing = await invoiceBySource(em, input.connectionId, input.system, i.id);
  if (!existing) {
    const id = randomUUID();
    await em.execute(
      `insert into alt_invoice (id, connection_id, source_system, source_id, source_version, customer_source_id, number, txn_date, due_date, memo, subtotal, sales_tax, total, balance, status, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, input.connectionId, input.system, i.id, input.version ?? null, i.customerId, i.number ?? null, i.txnDate, i.dueDate ?? null, i.memo ?? null, i.subtotal, i.salesTax, i.total, i.balance, i.status, input.now, input.now],
    );
    await writeLines(em, id, i);
    return id;
  }
  const all = input.groups.includes('*');
  const columns = Object.entries(GROUP_COLUMNS).filter(([group]) => all || input.groups.includes(group)).flatMap(([, cols]) => cols);
  const set = [...columns.map(([c]) => `${c} = ?`), 'source_version = ?', 'updated_at = ?'];
  await em.execute(`update alt_invoice set ${set.join(', ')} where id = ?`, [...columns.map(([, read]) => read(i)), input.version ?? null, input.now, existing.id]);
  if (all || input.groups.includes('lines')) await writeLines(em, existing.id, i);
  return existing.id;
}

export async function archiveInvoice(em: EntityManager, id: string, now: Date, deleted: boolean): Promise<void> {
  await em.execute(
    `update alt_invoice set archived_at = coalesce(archived_at, ?), deleted_at = ${deleted ? 'coalesce(deleted_at, ?)' : 'deleted_at'}, updated_at = ? where id = ?`,
    deleted ? [now, now, now, id] : [now, now, id],
  );
}

export async function listInvoices(em: EntityManager, connectionId: string, limit: number, after?: { txnDate: string; id: string }): Promise<AltInvoiceRow[]> {
  return after
    ? em.execute<AltInvoiceRow[]>(`${SELECT} where connection_id = ? and (txn_date, id) < (?::date, ?) order by txn_date desc, id desc limit ?`, [connectionId, after.txnDate, after.id, limit])
    : em.execute<AltInvoiceRow[]>(`${SELECT} where connection_id = ? order by txn_date desc, id desc limit ?`, [connectionId, limit]);
}

export async function linesOf(em: EntityManager, invoiceIds: readonly string[]): Promise<Map<string, AltInvoiceLineRow[]>> {
  const byInvoice = new Map<string, AltInvoiceLineRow[]>();
  if (invoiceIds.length === 0) return byInvoice;
  const rows = await em.execute<(AltInvoiceLineRow & { invoice_id: string })[]>(
    `select invoice_id, position, source_line_id, item_name, description, quantity, rate, amount::text from alt_invoice_line where invoice_id in (${invoiceIds.map(() => '?').join(', ')}) order by invoice_id, position`,
    [...invoiceIds],
  );
  for (const r of rows) byInvoice.set(r.invoice_id, [...(byInvoice.get(r.invoice_id) ?? []), r]);
  return byInvoice;
}
