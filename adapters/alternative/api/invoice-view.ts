import type { EntityManager } from '@mikro-orm/postgresql';
import type { RecordInTarget } from '../../../core/ports/adapter-port';
import type { Connection } from '../../../core/store/entities/connection';
import type { PlatformChanges } from '../services/platform-changes';
import { ALTERNATIVE_SYSTEM } from '../alternative-system';
import { AltInvoiceLineRow, AltInvoiceRow, customerNamesOf, linesOf } from '../store/invoice-ledger';

const STAYS_HERE = 'Invoices made here stay here: the rules do not send them to QuickBooks.';

/**
 * Where an invoice stands in QuickBooks, from what its adapter says of the newest write of it.
 * One that came from QuickBooks is there, with its ids; one made here is there once a write added it.
 */
function qbdStateOf(i: AltInvoiceRow, there: RecordInTarget | undefined) {
  const fromQuickBooks = i.source_system !== ALTERNATIVE_SYSTEM;
  const ids = fromQuickBooks ? { txnId: i.source_id, refNumber: i.number, editSequence: i.source_version } : there?.targetId ? { txnId: there.targetId } : {};
  if (!there) return fromQuickBooks ? { state: 'synced', ...ids } : { state: 'not_sent', message: STAYS_HERE };
  if (there.state === 'refused') return { state: 'needs_action', ...ids, message: there.message };
  if (there.state === 'pending') return { state: 'pending', ...ids };
  return { state: 'synced', ...ids };
}

function invoiceView(i: AltInvoiceRow, lines: readonly AltInvoiceLineRow[], qbd: ReturnType<typeof qbdStateOf>, customerName: string | null) {
  return {
    id: i.id,
    number: i.number,
    customerSourceId: i.customer_source_id,
    customerName,
    txnDate: i.txn_date,
    dueDate: i.due_date,
    memo: i.memo,
    subtotal: i.subtotal,
    salesTax: i.sales_tax,
    total: i.total,
    balance: i.balance,
    status: i.status,
    archived: i.archived_at !== null,
    deleted: i.deleted_at !== null,
    source: i.source_system,
    qbd,
    lines: lines.map((l) => ({
      id: l.source_line_id,
      itemName: l.item_name,
      description: l.description,
      quantity: l.quantity,
      rate: l.rate,
      amount: l.amount,
    })),
  };
}

/** The one shape an invoice has in every answer of the API, for a page of them (lines in one query). */
export async function invoiceViews(
  em: EntityManager,
  connection: Pick<Connection, 'id' | 'system'>,
  rows: readonly AltInvoiceRow[],
  changes: Pick<PlatformChanges, 'recordsThere'>,
) {
  const ids = rows.map((r) => r.id);
  const [lines, writes, names] = [await linesOf(em, ids), await changes.recordsThere(em, connection, 'invoice', ids), await customerNamesOf(em, ids)];
  return rows.map((i) => invoiceView(i, lines.get(i.id) ?? [], qbdStateOf(i, writes.get(i.id)), names.get(i.id) ?? null));
}
