import type { EntityManager } from '@mikro-orm/postgresql';
import type { Invoice } from '../../../core/items/invoice';
import { arrayLiteral, insertRows } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';

/** The columns a new invoice row is written with, in the order invoiceInsertRow gives them. */
export const INVOICE_COLUMNS = [
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
] as const;

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

const LINE_COLUMNS = ['invoice_id', 'position', 'source_line_id', 'item_name', 'description', 'quantity', 'rate', 'amount'] as const;

/** Replaces the lines of these invoices with the ones given: one delete and one insert for them all. */
export async function writeLines(em: EntityManager, invoices: readonly { id: string; lines: Invoice['lines'] }[]): Promise<void> {
  if (invoices.length === 0) return;
  await sendSql(em, 'delete from alt_invoice_line where invoice_id = any(?::uuid[])', [arrayLiteral(invoices.map((i) => i.id))]);
  const rows = invoices.flatMap(({ id, lines }) =>
    lines.map((l, position) => [id, position, l.id, l.itemName ?? null, l.description ?? null, l.quantity ?? null, l.rate ?? null, l.amount]),
  );
  await insertRows(em, 'alt_invoice_line', LINE_COLUMNS, rows);
}
