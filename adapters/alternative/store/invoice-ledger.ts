import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Invoice, invoiceStatusFor } from '../../../core/items/invoice';
import type { Money } from '../../../core/values/money';
import { ANY_OF_LIST, insertRows, arrayLiteral } from '../../../core/store/insert-rows';
import { updateRows } from '../../../core/store/update-rows';
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
const SELECT = `select id, source_system, source_id, source_version, customer_source_id, number, to_char(txn_date, 'YYYY-MM-DD') as txn_date,
  to_char(due_date, 'YYYY-MM-DD') as due_date, memo, subtotal::text, sales_tax::text, total::text, balance::text, status, archived_at, deleted_at from alt_invoice`;

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
  const rows = await sendSql<AltInvoiceRow[]>(em, `${SELECT} where connection_id = ? and source_system = ? and source_id ${ANY_OF_LIST}`, [
    connectionId,
    system,
    arrayLiteral(sourceIds),
  ]);
  return new Map(rows.map((r) => [r.source_id, r]));
}

/** Which columns each field group of an invoice owns (lines are their own table). */
const GROUP_COLUMNS: Readonly<Record<string, readonly (readonly [string, (i: Invoice) => unknown])[]>> = {
  header: [
    ['customer_source_id', (i) => i.customerId],
    ['number', (i) => i.number ?? null],
    ['txn_date', (i) => i.txnDate],
    ['memo', (i) => i.memo ?? null],
  ],
  amounts: [
    ['subtotal', (i) => i.subtotal],
    ['sales_tax', (i) => i.salesTax],
    ['total', (i) => i.total],
  ],
  'due-date': [['due_date', (i) => i.dueDate ?? null]],
  balance: [['balance', (i) => i.balance]],
  status: [['status', (i) => i.status]],
};

/** PostgreSQL types of the grouped columns, for the typed VALUES list of a batch update. */
const COLUMN_TYPES: Readonly<Record<string, string>> = {
  customer_source_id: 'text',
  number: 'text',
  txn_date: 'date',
  memo: 'text',
  subtotal: 'numeric',
  sales_tax: 'numeric',
  total: 'numeric',
  due_date: 'date',
  balance: 'numeric',
  status: 'text',
};

const LINE_COLUMNS = ['invoice_id', 'position', 'source_line_id', 'item_name', 'description', 'quantity', 'rate', 'amount'] as const;

async function writeLines(em: EntityManager, invoices: readonly { id: string; invoice: Invoice }[]): Promise<void> {
  if (invoices.length === 0) return;
  await sendSql(em, 'delete from alt_invoice_line where invoice_id = any(?::uuid[])', [arrayLiteral(invoices.map((i) => i.id))]);
  const rows = invoices.flatMap(({ id, invoice }) =>
    invoice.lines.map((l, position) => [id, position, l.id, l.itemName ?? null, l.description ?? null, l.quantity ?? null, l.rate ?? null, l.amount]),
  );
  await insertRows(em, 'alt_invoice_line', LINE_COLUMNS, rows);
}

export interface InvoiceWrite {
  readonly version?: string;
  readonly invoice: Invoice;
  /** The field groups the rules let through ('*': all). */
  readonly groups: readonly string[];
}

/**
 * Creates invoices whole, or updates only the allowed field groups of existing ones: a page
 * in a handful of statements (one insert, one update per distinct set of groups, one delete
 * and one insert of lines). `existing` is what the caller read with invoicesBySource for these
 * ids (it had to, to skip what did not change). Returns the ledger ids, in order.
 */
export async function upsertInvoices(
  em: EntityManager,
  input: { connectionId: string; system: string; now: Date; writes: readonly InvoiceWrite[]; existing: ReadonlyMap<string, AltInvoiceRow> },
): Promise<string[]> {
  const existing = input.existing;
  const ids: string[] = [];
  const inserts: unknown[][] = [];
  const updates = new Map<string, { columns: (readonly [string, (i: Invoice) => unknown])[]; rows: unknown[][] }>();
  const lines: { id: string; invoice: Invoice }[] = [];
  for (const { invoice: i, version, groups } of input.writes) {
    const known = existing.get(i.id);
    if (!known) {
      const id = randomUUID();
      inserts.push([
        id,
        input.connectionId,
        input.system,
        i.id,
        version ?? null,
        i.customerId,
        i.number ?? null,
        i.txnDate,
        i.dueDate ?? null,
        i.memo ?? null,
        i.subtotal,
        i.salesTax,
        i.total,
        i.balance,
        i.status,
        input.now,
        input.now,
      ]);
      lines.push({ id, invoice: i });
      ids.push(id);
      continue;
    }
    const all = groups.includes('*');
    const columns = Object.entries(GROUP_COLUMNS)
      .filter(([group]) => all || groups.includes(group))
      .flatMap(([, cols]) => cols);
    const key = columns.map(([c]) => c).join(',');
    const update = updates.get(key) ?? { columns, rows: [] };
    update.rows.push([known.id, ...columns.map(([, read]) => read(i)), version ?? null]);
    updates.set(key, update);
    if (all || groups.includes('lines')) lines.push({ id: known.id, invoice: i });
    ids.push(known.id);
  }
  await insertRows(
    em,
    'alt_invoice',
    [
      'id',
      'connection_id',
      'source_system',
      'source_id',
      'source_version',
      'customer_source_id',
      'number',
      'txn_date',
      'due_date',
      'memo',
      'subtotal',
      'sales_tax',
      'total',
      'balance',
      'status',
      'created_at',
      'updated_at',
    ],
    inserts,
  );
  for (const { columns, rows } of updates.values()) {
    const typed = [...columns.map(([name]) => ({ name, type: COLUMN_TYPES[name] })), { name: 'source_version', type: 'text' }];
    await updateRows(em, 'alt_invoice', typed, rows, { set: ['updated_at = ?'], params: [input.now] });
  }
  await writeLines(em, lines);
  return ids;
}

export async function archiveInvoice(em: EntityManager, id: string, now: Date, deleted: boolean): Promise<void> {
  await sendSql(
    em,
    `update alt_invoice set archived_at = coalesce(archived_at, ?), deleted_at = ${deleted ? 'coalesce(deleted_at, ?)' : 'deleted_at'}, updated_at = ? where id = ?`,
    deleted ? [now, now, now, id] : [now, now, id],
  );
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

/** An invoice made on the platform: its own id is its source id, as for customers made here. */
export async function createOwnInvoice(
  em: EntityManager,
  input: { connectionId: string; system: string; invoice: Omit<Invoice, 'id'>; now: Date },
): Promise<string> {
  const id = randomUUID();
  const i = input.invoice;
  await insertRows(
    em,
    'alt_invoice',
    [
      'id',
      'connection_id',
      'source_system',
      'source_id',
      'customer_source_id',
      'number',
      'txn_date',
      'due_date',
      'memo',
      'subtotal',
      'sales_tax',
      'total',
      'balance',
      'status',
      'created_at',
      'updated_at',
    ],
    [
      [
        id,
        input.connectionId,
        input.system,
        id,
        i.customerId,
        i.number ?? null,
        i.txnDate,
        i.dueDate ?? null,
        i.memo ?? null,
        i.subtotal,
        i.salesTax,
        i.total,
        i.balance,
        i.status,
        input.now,
        input.now,
      ],
    ],
  );
  await writeLines(em, [{ id, invoice: { ...i, id } }]);
  return id;
}

/**
 * A platform edit of an invoice: due date, lines and the amounts they imply. The source version
 * stays, so the next change the source system makes to the invoice is new and wins.
 */
export async function reviseInvoice(
  em: EntityManager,
  id: string,
  invoice: Pick<Invoice, 'dueDate' | 'subtotal' | 'total' | 'balance' | 'status'> & { lines?: Invoice['lines'] },
  now: Date,
): Promise<void> {
  await sendSql(em, 'update alt_invoice set due_date = ?, subtotal = ?, total = ?, balance = ?, status = ?, updated_at = ? where id = ?::uuid', [
    invoice.dueDate ?? null,
    invoice.subtotal,
    invoice.total,
    invoice.balance,
    invoice.status,
    now,
    id,
  ]);
  // Lines absent: the edit left them as they are.
  if (invoice.lines) await writeLines(em, [{ id, invoice: invoice as Invoice }]);
}

/** A platform-only invoice's balance after a payment here succeeded or failed (no other system keeps it). */
export async function setOwnBalance(em: EntityManager, id: string, balance: Money, total: Money, now: Date): Promise<void> {
  await sendSql(em, 'update alt_invoice set balance = ?, status = ?, updated_at = ? where id = ?::uuid', [balance, invoiceStatusFor(total, balance), now, id]);
}

/** Links an invoice made here to the record another system made of it, so that record's changes update it. */
export async function relinkInvoice(em: EntityManager, id: string, system: string, sourceId: string): Promise<void> {
  await sendSql(em, 'update alt_invoice set source_system = ?, source_id = ? where id = ?::uuid', [system, sourceId, id]);
}
