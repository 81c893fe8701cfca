import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Invoice, invoiceStatusFor } from '../../../core/items/invoice';
import { insertColumns } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';
import type { Money } from '../../../core/values/money';
import { INVOICE_COLUMNS, invoiceInsertRow, writeLines } from './invoice-row-writes';

/** An invoice made on the platform: its own id is its source id, as for customers made here. */
export async function createOwnInvoice(
  em: EntityManager,
  input: { connectionId: string; system: string; invoice: Omit<Invoice, 'id'>; now: Date },
): Promise<string> {
  const id = randomUUID();
  await insertColumns(em, 'alt_invoice', INVOICE_COLUMNS, [
    invoiceInsertRow(id, { connectionId: input.connectionId, system: input.system, sourceId: id, now: input.now }, input.invoice),
  ]);
  await writeLines(em, [{ id, lines: input.invoice.lines, replace: false }]);
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
  if (invoice.lines) await writeLines(em, [{ id, lines: invoice.lines, replace: true }]);
}

/** A platform-only invoice's balance after a payment here succeeded or failed (no other system keeps it). */
export async function setOwnBalance(em: EntityManager, id: string, balance: Money, total: Money, now: Date): Promise<void> {
  await sendSql(em, 'update alt_invoice set balance = ?, status = ?, updated_at = ? where id = ?::uuid', [balance, invoiceStatusFor(total, balance), now, id]);
}
