import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors/app-error';
import type { LineItem } from '../../../core/items/sales-document';
import { Money, ZERO_MONEY, compareMoney, parseMoney } from '../../../core/values/money';
import { linesOf } from '../store/invoice-ledger';

/** A line as a partner sends it: `id` names an existing line of the invoice being edited. */
export interface InvoiceLineInput {
  readonly id?: string;
  readonly item?: string;
  readonly description: string;
  readonly quantity?: string;
  readonly rate?: string;
  readonly amount: Money;
}

/** Ledger lines from the request's: a line naming an existing one keeps its id and, unless given anew, its item. */
export async function ledgerLines(em: EntityManager, input: readonly InvoiceLineInput[], invoiceId?: string): Promise<LineItem[]> {
  const existing = new Map(invoiceId ? ((await linesOf(em, [invoiceId])).get(invoiceId) ?? []).map((l) => [l.source_line_id, l]) : []);
  const unknown = input.map((l, i) => (l.id !== undefined && !existing.has(l.id) ? i : -1)).filter((i) => i >= 0);
  if (unknown.length)
    throw new AppError('invalid', 'lines: an id names no line of this invoice.', {
      problems: unknown.map((i) => ({ at: `lines[${i}].id`, message: 'is not a line of this invoice' })),
    });
  return input.map((l) => ({
    id: l.id ?? randomUUID(),
    itemName: l.item ?? (l.id !== undefined ? (existing.get(l.id)!.item_name ?? undefined) : undefined),
    description: l.description,
    quantity: l.quantity,
    rate: l.rate,
    amount: l.amount,
  }));
}

/** An invoice's lines as the ledger has them, when an edit leaves them as they are. */
export async function keptLines(em: EntityManager, invoiceId: string): Promise<LineItem[]> {
  return ((await linesOf(em, [invoiceId])).get(invoiceId) ?? []).map((l) => ({
    id: l.source_line_id,
    itemName: l.item_name ?? undefined,
    description: l.description ?? undefined,
    quantity: l.quantity ?? undefined,
    rate: l.rate ?? undefined,
    amount: parseMoney(l.amount),
  }));
}

/** What the ledger's amounts hold (numeric(15,2)): 13 integer digits. */
export const MAX_INVOICE_TOTAL = parseMoney('9999999999999.99');

/** An invoice adds up to more than nothing, and to no more than the ledger can hold. */
export function checkInvoiceTotal(total: Money): void {
  if (compareMoney(total, ZERO_MONEY) <= 0)
    throw new AppError('invalid', `lines must add up to more than 0.00 (they add up to ${total}).`, {
      problems: [{ at: 'lines', message: 'must add up to more than 0.00' }],
    });
  if (compareMoney(total, MAX_INVOICE_TOTAL) > 0)
    throw new AppError('invalid', `lines add up to ${total}, more than an invoice can hold (${MAX_INVOICE_TOTAL}).`, {
      problems: [{ at: 'lines', message: `must add up to at most ${MAX_INVOICE_TOTAL}` }],
    });
}
