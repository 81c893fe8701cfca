import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Invoice } from '../../../core/items/invoice';
import { columnarInsert } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';
import { SqlStatement, sendWrites } from '../../../core/store/send-together';
import { GroupColumns, GroupUpdates } from './group-updates';
import type { AltInvoiceRow } from './invoice-ledger';
import { INVOICE_COLUMNS, invoiceInsertRow, lineStatements } from './invoice-row-writes';

/** Which columns each field group of an invoice owns (lines are their own table). */
const GROUP_COLUMNS: GroupColumns<Invoice> = {
  header: [
    ['customer_source_id', (i) => i.customerId, 'text'],
    ['number', (i) => i.number ?? null, 'text'],
    ['txn_date', (i) => i.txnDate, 'date'],
    ['memo', (i) => i.memo ?? null, 'text'],
  ],
  amounts: [
    ['subtotal', (i) => i.subtotal, 'numeric'],
    ['sales_tax', (i) => i.salesTax, 'numeric'],
    ['total', (i) => i.total, 'numeric'],
  ],
  'due-date': [['due_date', (i) => i.dueDate ?? null, 'date']],
  balance: [['balance', (i) => i.balance, 'numeric']],
  status: [['status', (i) => i.status, 'text']],
};

export interface InvoiceWrite {
  readonly version?: string;
  readonly invoice: Invoice;
  /** The field groups the rules let through ('*': all). */
  readonly groups: readonly string[];
}

/**
 * Creates invoices whole, or updates only the allowed field groups of existing ones: a page in
 * one statement (the insert, one update per distinct set of groups, the lines). `existing` is
 * what the caller read with invoicesBySource for these ids (it had to, to skip what did not
 * change). `alongside`: writes of other tables sent in the same statement. Returns the ledger ids,
 * in order.
 */
export async function upsertInvoices(
  em: EntityManager,
  input: { connectionId: string; system: string; now: Date; writes: readonly InvoiceWrite[]; existing: ReadonlyMap<string, AltInvoiceRow> },
  alongside: readonly SqlStatement[] = [],
): Promise<string[]> {
  const existing = input.existing;
  const ids: string[] = [];
  const inserts: unknown[][] = [];
  const updates = new GroupUpdates('alt_invoice', GROUP_COLUMNS);
  const lines: { id: string; lines: Invoice['lines']; replace: boolean }[] = [];
  for (const { invoice: i, version, groups } of input.writes) {
    const known = existing.get(i.id);
    if (!known) {
      const id = randomUUID();
      inserts.push(invoiceInsertRow(id, { connectionId: input.connectionId, system: input.system, sourceId: i.id, version, now: input.now }, i));
      lines.push({ id, lines: i.lines, replace: false });
      ids.push(id);
      continue;
    }
    updates.add(known.id, i, groups, version);
    if (groups.includes('*') || groups.includes('lines')) lines.push({ id: known.id, lines: i.lines, replace: true });
    ids.push(known.id);
  }
  const statements = [
    ...(inserts.length > 0 ? [columnarInsert('alt_invoice', INVOICE_COLUMNS, inserts)] : []),
    ...updates.statements(input.now),
    ...lineStatements(lines),
    ...alongside,
  ];
  // New invoices, updated ones and their lines are other rows each (a new invoice's lines are
  // checked against it at the statement's end), so they go as one statement; an invoice written
  // twice in one page goes in order.
  await sendWrites(em, statements, updates.plannedOnce());
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
