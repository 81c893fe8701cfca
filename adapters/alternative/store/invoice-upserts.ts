import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Invoice } from '../../../core/items/invoice';
import { insertRows } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';
import { updateRows } from '../../../core/store/update-rows';
import type { AltInvoiceRow } from './invoice-ledger';
import { INVOICE_COLUMNS, invoiceInsertRow, writeLines } from './invoice-row-writes';

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
  const lines: { id: string; lines: Invoice['lines'] }[] = [];
  for (const { invoice: i, version, groups } of input.writes) {
    const known = existing.get(i.id);
    if (!known) {
      const id = randomUUID();
      inserts.push(invoiceInsertRow(id, { connectionId: input.connectionId, system: input.system, sourceId: i.id, version, now: input.now }, i));
      lines.push({ id, lines: i.lines });
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
    if (all || groups.includes('lines')) lines.push({ id: known.id, lines: i.lines });
    ids.push(known.id);
  }
  await insertRows(em, 'alt_invoice', INVOICE_COLUMNS, inserts);
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

/** Links an invoice made here to the record another system made of it, so that record's changes update it. */
export async function relinkInvoice(em: EntityManager, id: string, system: string, sourceId: string): Promise<void> {
  await sendSql(em, 'update alt_invoice set source_system = ?, source_id = ? where id = ?::uuid', [system, sourceId, id]);
}
