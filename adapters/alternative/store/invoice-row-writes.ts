import type { EntityManager } from '@mikro-orm/postgresql';
import type { Invoice } from '../../../core/items/invoice';
import { arrayLiteral, arrayOfValues, columnarInsert, TypedColumn } from '../../../core/store/insert-rows';
import { SqlStatement, sendTogether } from '../../../core/store/send-together';

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

/** A replaced line takes the new line's values where its position is still used. */
const LINE_UPSERT = `on conflict (invoice_id, position) do update set ${LINE_COLUMNS.slice(2)
  .map(([name]) => `${name} = excluded.${name}`)
  .join(', ')}`;

/**
 * Writes the lines of these invoices in one statement: each line by its position (an invoice that
 * had lines keeps the rows of the positions still used, with the new values), and the positions an
 * invoice no longer has deleted (`replace`). An invoice made in the same transaction has none, and
 * asks no delete: while a first sync outruns the table's statistics the planner reads the whole
 * line table for it (4-9 ms a page at 100,000 lines). The delete and the upsert touch no row in
 * common, so they may share one statement's snapshot.
 */
export async function writeLines(em: EntityManager, invoices: readonly LinesWrite[]): Promise<void> {
  const statements = lineStatements(invoices);
  if (statements.length > 0) await sendTogether(em, statements);
}

/** One invoice's lines as they are now; `replace`: it had lines before. */
export interface LinesWrite {
  readonly id: string;
  readonly lines: Invoice['lines'];
  readonly replace: boolean;
}

/** The statements writeLines sends together (none for no invoices), for a caller that adds them to its own. */
export function lineStatements(invoices: readonly LinesWrite[]): SqlStatement[] {
  const replaced = invoices.filter((i) => i.replace);
  const rows = invoices.flatMap(({ id, lines }) =>
    lines.map((l, position) => [id, position, l.id, l.itemName ?? null, l.description ?? null, l.quantity ?? null, l.rate ?? null, l.amount]),
  );
  const statements: SqlStatement[] = [];
  if (replaced.length > 0)
    statements.push({
      sql: `delete from alt_invoice_line l using unnest(?::uuid[], ?::int[]) as k (invoice_id, kept) where l.invoice_id = k.invoice_id and l.position >= k.kept`,
      params: [arrayLiteral(replaced.map((i) => i.id)), arrayOfValues(replaced.map((i) => i.lines.length))],
    });
  if (rows.length > 0) statements.push(columnarInsert('alt_invoice_line', LINE_COLUMNS, rows, replaced.length > 0 ? LINE_UPSERT : ''));
  return statements;
}
