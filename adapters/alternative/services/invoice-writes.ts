import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import { Invoice, invoiceStatusFor } from '../../../core/items/invoice';
import type { Connection } from '../../../core/store/entities/connection';
import { UUID_PATTERN } from '../../../core/validation/uuid';
import type { LocalDate } from '../../../core/values/instant';
import { ZERO_MONEY, addMoney, compareMoney, parseMoney, subtractMoney, sumMoney } from '../../../core/values/money';
import { ALTERNATIVE_SYSTEM } from '../alternative-system';
import { PlatformChanges } from './platform-changes';
import { customerById } from '../store/customer-ledger';
import { AltInvoiceRow, lockInvoice } from '../store/invoice-ledger';
import { createOwnInvoice, reviseInvoice } from '../store/own-invoices';
import { unreflectedPayments } from '../store/payment-ledger';
import { InvoiceLineInput, checkInvoiceTotal, keptLines, ledgerLines } from './invoice-lines';
import { sendKeptPayments } from './kept-payments';

/** An invoice a partner makes on the platform; `date` defaults to today. */
export interface NewInvoiceInput {
  readonly customerId: string;
  readonly number?: string;
  readonly date?: LocalDate;
  readonly dueDate?: LocalDate;
  readonly lines: readonly InvoiceLineInput[];
}

/** A partner's edit of an unpaid invoice: at least one of the two. */
export interface InvoiceChangeInput {
  readonly dueDate?: LocalDate;
  readonly lines?: readonly InvoiceLineInput[];
}

/** The invoice as the rules and the targets see it; its id is the one its source system gave it. */
function invoiceOf(row: AltInvoiceRow, changes: Pick<Invoice, 'dueDate' | 'lines' | 'subtotal' | 'total' | 'balance' | 'status'>): Invoice {
  return {
    id: row.source_id,
    customerId: row.customer_source_id,
    number: row.number ?? undefined,
    txnDate: row.txn_date as LocalDate,
    memo: row.memo ?? undefined,
    salesTax: parseMoney(row.sales_tax),
    ...changes,
  };
}

/**
 * Invoices made and edited on the platform, each call one transaction. They stay on the platform
 * unless a partner's rules send them on (then the target adds the invoice once, and edits
 * follow); the next change made to an invoice in its source system wins over an edit made here.
 */
@injectable()
export class InvoiceWrites {
  constructor(@inject(PlatformChanges) private readonly changes: PlatformChanges) {}

  /** Makes the invoice, sends it through the partner's rules and returns its id. */
  async create(em: EntityManager, connection: Connection, input: NewInvoiceInput, now: Date): Promise<string> {
    return em.transactional(async (tx) => {
      const trx = tx as EntityManager;
      const customer = UUID_PATTERN.test(input.customerId) ? await customerById(trx, connection.id, input.customerId) : undefined;
      if (!customer || customer.deleted_at || customer.archived_at)
        throw new AppError('invalid', 'customerId: no such customer on this connection.', {
          problems: [{ at: 'customerId', message: 'is not a customer of this connection' }],
        });
      const lines = await ledgerLines(trx, input.lines);
      const total = sumMoney(lines.map((l) => l.amount));
      checkInvoiceTotal(total);
      const invoice: Omit<Invoice, 'id'> = {
        customerId: customer.source_id,
        number: input.number,
        txnDate: input.date ?? (now.toISOString().slice(0, 10) as LocalDate),
        dueDate: input.dueDate,
        lines,
        subtotal: total,
        salesTax: ZERO_MONEY,
        total,
        balance: total,
        status: 'open',
      };
      const invoiceId = await createOwnInvoice(trx, { connectionId: connection.id, system: ALTERNATIVE_SYSTEM, invoice, now });
      await this.changes.send(trx, connection, { item: 'invoice', operation: 'upsert', sourceId: invoiceId, payload: { ...invoice, id: invoiceId } }, now);
      await this.changes.tell(trx, connection, 'invoice', [{ id: invoiceId, news: 'created' }], now);
      return invoiceId;
    });
  }

  /**
   * Changes the due date or the lines of an unpaid invoice. What payments and credits took stays
   * taken, so the balance moves with the total, and the total never falls below what was paid.
   */
  async revise(em: EntityManager, connection: Connection, invoiceId: string, input: InvoiceChangeInput, now: Date): Promise<void> {
    if (input.dueDate === undefined && input.lines === undefined) throw new AppError('invalid', 'Send dueDate, lines or both.');
    await em.transactional(async (tx) => {
      const trx = tx as EntityManager;
      // Locked: a payment of this invoice waits for the edit, and sees its new total.
      const row = UUID_PATTERN.test(invoiceId) ? await lockInvoice(trx, connection.id, invoiceId) : undefined;
      if (!row) throw new AppError('not-found', 'No such invoice on this connection.');
      if (row.archived_at) throw new AppError('invalid', 'This invoice was deleted or archived in QuickBooks; it can no longer be edited.');
      if (row.status === 'paid' || row.status === 'void') throw new AppError('invalid', `Only unpaid invoices can be edited; this one is ${row.status}.`);
      const lines = input.lines ? await ledgerLines(trx, input.lines, row.id) : undefined;
      const before = { subtotal: parseMoney(row.subtotal), total: parseMoney(row.total), balance: parseMoney(row.balance) };
      const subtotal = lines ? sumMoney(lines.map((l) => l.amount)) : before.subtotal;
      const total = addMoney(subtotal, parseMoney(row.sales_tax));
      checkInvoiceTotal(total);
      const paid = addMoney(subtractMoney(before.total, before.balance), await unreflectedPayments(trx, row.id));
      if (compareMoney(total, paid) < 0)
        throw new AppError('invalid', `lines add up to ${total}, less than the ${paid} already paid on this invoice.`, {
          problems: [{ at: 'lines', message: `must add up to at least ${paid}` }],
        });
      const balance = subtractMoney(total, subtractMoney(before.total, before.balance));
      const amounts = {
        dueDate: input.dueDate ?? (row.due_date as LocalDate | null) ?? undefined,
        subtotal,
        total,
        balance,
        status: invoiceStatusFor(total, balance),
      };
      await reviseInvoice(trx, row.id, { ...amounts, lines }, now);
      const revised = { ...amounts, lines: lines ?? (await keptLines(trx, row.id)) };
      const fromElsewhere = row.source_system !== ALTERNATIVE_SYSTEM;
      // An invoice from elsewhere is edited field by field; one made here goes whole until it is there.
      const edited = [...(input.dueDate !== undefined ? ['due-date'] : []), ...(lines ? ['lines', 'amounts'] : [])];
      const scope = fromElsewhere ? { targetId: row.source_id, fieldGroups: edited } : {};
      const outcome = await this.changes.send(
        trx,
        connection,
        { item: 'invoice', operation: 'upsert', sourceId: row.id, ...scope, payload: invoiceOf(row, revised) },
        now,
      );
      if (fromElsewhere && lines && outcome?.outcome === 'denied') {
        // Its source keeps the amounts: a payment here must fit what that system says is owed.
        throw new AppError(
          'invalid',
          'The lines of a QuickBooks invoice are changed in QuickBooks: the rules keep its amounts there, and payments here must fit what QuickBooks is owed. Change the due date here, or the lines in QuickBooks.',
          { problems: [{ at: 'lines', message: 'cannot change here for this invoice' }] },
        );
      }
      if (!fromElsewhere && outcome?.outcome === 'deferred')
        await sendKeptPayments(trx, this.changes, connection, { ...row, balance: revised.balance, total: revised.total }, now);
      await this.changes.tell(trx, connection, 'invoice', [{ id: row.id, news: 'updated' }], now);
    });
  }
}
