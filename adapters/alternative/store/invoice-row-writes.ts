import type { EntityManager } from '@mikro-orm/postgresql';
import type { Invoice } from '../../../core/items/invoice';
import { arrayLiteral, insertColumns, TypedColumn } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';

/** The columns a new invoice row is written with, in the order invoiceInsertRow gives them. */
export const INVOICE_COLUMNS: readonly TypedColumn[] = [
  ['id', 'uuid'],
  ['connection_id', 'uuid'],
  ['source_system', 'text'],
  ['source_id', 'text'],
  ['source_version', 'text'],
  ['customer_source_id', 'text'],
  ['number', 'text'],
  ['txn_date', 'date'],
  ['due_date', 'date'],
  ['memo', 'text'],
  ['subtotal', 'numeric'],
  ['sales_tax', 'numeric'],
  ['total', 'numeric'],
  ['balance', 'numeric'],
  ['status', 'text'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];

/** A new invoice's values for INVOICE_COLUMNS. */
export function invoiceInsertRow(
  id: string,
  at: { connectionId: string; system: string; sourceId: string; version?: string; now: Date },
  i: Omit<Invoice, 'id' | 'lines'>,
): unknown[] {
  return [
    id,
    at.connectionId,
    at.system,
    at.sourceId,
    at.version ?? null,
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
    at.now,
    at.now,
  ];
}

const LINE_COLUMNS: readonly TypedColumn[] = [
  ['invoice_id', 'uuid'],
  ['position', 'int'],
  ['source_line_id', 'text'],
  ['item_name', 'text'],
  ['description', 'text'],
  ['quantity', 'text'],
  ['rate', 'text'],
  ['amount', 'numeric'],
];

/**
 * Writes the lines of these invoices: one insert for them all, after one delete of the old lines
 * of those that had some (`replace`). An invoice made in the same transaction has none, and the
 * delete is skipped: while a first sync outruns the table's statistics the planner reads the
 * whole line table for it (4-9 ms a page at 100,000 lines).
 */
export async function writeLines(em: EntityManager, invoices: readonly { id: string; lines: Invoice['lines']; replace: boolean }[]): Promise<void> {
  if (invoices.length === 0) return;
  const replaced = invoices.filter((i) => i.replace).map((i) => i.id);
  if (replaced.length > 0) await sendSql(em, 'delete from alt_invoice_line where invoice_id = any(?::uuid[])', [arrayLiteral(replaced)]);
  const rows = invoices.flatMap(({ id, lines }) =>
    lines.map((l, position) => [id, position, l.id, l.itemName ?? null, l.description ?? null, l.quantity ?? null, l.rate ?? null, l.amount]),
  );
  await insertColumns(em, 'alt_invoice_line', LINE_COLUMNS, rows);
}
