import type { EntityManager } from '@mikro-orm/postgresql';
import { arrayLiteral, eachOfList } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';

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
const COLUMNS = `id, source_system, source_id, source_version, customer_source_id, number, to_char(txn_date, 'YYYY-MM-DD') as txn_date,
  to_char(due_date, 'YYYY-MM-DD') as due_date, memo, subtotal::text, sales_tax::text, total::text, balance::text, status, archived_at, deleted_at`;
const SELECT = `select ${COLUMNS} from alt_invoice`;

export async function invoiceBySource(em: EntityManager, connectionId: string, system: string, sourceId: string): Promise<AltInvoiceRow | undefined> {
  return (await sendSql<AltInvoiceRow[]>(em, `${SELECT} where connection_id = ? and source_system = ? and source_id = ?`, [connectionId, system, sourceId]))[0];
}

/** The ledger's invoices for these source ids, by source id: one query for a page. */
export async function invoicesBySource(
  em: EntityManager,
  connectionId: string,
  system: string,
  sourceIds: readonly string[],
): Promise<Map<string, AltInvoiceRow>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await sendSql<AltInvoiceRow[]>(em, eachOfList(COLUMNS, 'alt_invoice', 'connection_id = ? and source_system = ?', 'source_id'), [
    arrayLiteral(sourceIds),
    connectionId,
    system,
  ]);
  return new Map(rows.map((r) => [r.source_id, r]));
}

/** Per transaction: the invoices a batch's facts were read from, by source system, lent to the batch's apply. */
const lent = new WeakMap<
  EntityManager,
  { connectionId: string; bySystem: ReadonlyMap<string, { ids: ReadonlySet<string>; rows: Map<string, AltInvoiceRow> }> }
>();

/**
 * Lends what the facts of a batch were read from (invoicesBySource, per source system) to the
 * apply of the same batch, which runs next in the same transaction with nothing written between
 * (the rules decide in memory): the page is read once, not twice. A new lend replaces the last,
 * and a take clears it, so an apply never takes another batch's read.
 */
export function lendInvoicesRead(
  em: EntityManager,
  connectionId: string,
  bySystem: ReadonlyMap<string, { ids: readonly string[]; rows: Map<string, AltInvoiceRow> }>,
): void {
  lent.set(em, { connectionId, bySystem: new Map([...bySystem].map(([system, read]) => [system, { ids: new Set(read.ids), rows: read.rows }])) });
}

/** The lent read of these invoices (lendInvoicesRead), taken once; undefined when none covers them all: read them afresh. */
export function takeLentInvoices(
  em: EntityManager,
  connectionId: string,
  system: string,
  sourceIds: readonly string[],
): Map<string, AltInvoiceRow> | undefined {
  const read = lent.get(em);
  lent.delete(em);
  const ofSystem = read?.connectionId === connectionId ? read.bySystem.get(system) : undefined;
  if (!ofSystem || !sourceIds.every((id) => ofSystem.ids.has(id))) return undefined;
  return ofSystem.rows;
}

/** Which invoices a list shows: archived ones too or not, and those whose number or customer holds `search`. */
export interface InvoiceFilter {
  readonly withArchived: boolean;
  readonly search?: string;
}

/**
 * `from alt_customer c where …`: the customer row of an invoice (`invoice` is its alias in the
 * query) on the invoice's own connection, by the id the invoice names it with (the source's, or
 * ours for a customer made here).
 */
export const customerOfInvoice = (invoice: string) =>
  `from alt_customer c where c.connection_id = ${invoice}.connection_id and (c.source_id = ${invoice}.customer_source_id or c.id::text = ${invoice}.customer_source_id)`;

const CUSTOMER_OF = customerOfInvoice('alt_invoice');

/** A page of invoices, newest first. The search matches text as typed (no wildcards), in any case. */
export async function listInvoices(
  em: EntityManager,
  connectionId: string,
  limit: number,
  after?: { txnDate: string; id: string },
  filter: InvoiceFilter = { withArchived: true },
): Promise<AltInvoiceRow[]> {
  const where = ['connection_id = ?'];
  const params: unknown[] = [connectionId];
  if (!filter.withArchived) where.push('archived_at is null and deleted_at is null');
  if (filter.search) {
    where.push(`(position(lower(?) in lower(coalesce(number, ''))) > 0 or exists (select 1 ${CUSTOMER_OF} and position(lower(?) in lower(c.full_name)) > 0))`);
    params.push(filter.search, filter.search);
  }
  if (after) {
    where.push('(txn_date, id) < (?::date, ?)');
    params.push(after.txnDate, after.id);
  }
  return sendSql<AltInvoiceRow[]>(em, `${SELECT} where ${where.join(' and ')} order by txn_date desc, id desc limit ?`, [...params, limit]);
}

/** The customers' names for a page of invoices, in one query: invoice id → full name. */
export async function customerNamesOf(em: EntityManager, invoiceIds: readonly string[]): Promise<Map<string, string>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await sendSql<{ id: string; name: string | null }[]>(
    em,
    `select id::text, (select c.full_name ${CUSTOMER_OF} limit 1) as name from alt_invoice where id in (${invoiceIds.map(() => '?').join(', ')})`,
    [...invoiceIds],
  );
  return new Map(rows.flatMap((r) => (r.name ? [[r.id, r.name] as [string, string]] : [])));
}

export async function linesOf(em: EntityManager, invoiceIds: readonly string[]): Promise<Map<string, AltInvoiceLineRow[]>> {
  const byInvoice = new Map<string, AltInvoiceLineRow[]>();
  if (invoiceIds.length === 0) return byInvoice;
  const rows = await sendSql<(AltInvoiceLineRow & { invoice_id: string })[]>(
    em,
    `select invoice_id, position, source_line_id, item_name, description, quantity, rate, amount::text from alt_invoice_line where invoice_id in (${invoiceIds.map(() => '?').join(', ')}) order by invoice_id, position`,
    [...invoiceIds],
  );
  for (const r of rows) byInvoice.set(r.invoice_id, [...(byInvoice.get(r.invoice_id) ?? []), r]);
  return byInvoice;
}

export async function invoiceById(em: EntityManager, connectionId: string, id: string): Promise<AltInvoiceRow | undefined> {
  return (await sendSql<AltInvoiceRow[]>(em, `${SELECT} where connection_id = ? and id = ?::uuid`, [connectionId, id]))[0];
}

/** One invoice, its row locked until the caller's transaction ends: edits and payments of it take turns. */
export async function lockInvoice(em: EntityManager, connectionId: string, id: string): Promise<AltInvoiceRow | undefined> {
  return (await sendSql<AltInvoiceRow[]>(em, `${SELECT} where connection_id = ? and id = ?::uuid for update`, [connectionId, id]))[0];
}

/** The connection's invoices among these ids, in one query, in no particular order. */
export async function invoicesByIds(em: EntityManager, connectionId: string, ids: readonly string[]): Promise<AltInvoiceRow[]> {
  return ids.length === 0 ? [] : sendSql<AltInvoiceRow[]>(em, `${SELECT} where connection_id = ? and id = any(?::uuid[])`, [connectionId, arrayLiteral(ids)]);
}
