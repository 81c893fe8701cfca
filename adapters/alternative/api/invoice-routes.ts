import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import { DECIMAL_RULES, Invoice, LineItem, invoiceStatusFor } from '../../../core/items/invoice';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { ownedConnection } from '../../../core/runtime/http/owned-connection';
import { readJsonBody } from '../../../core/runtime/http/read-json-body';
import { partnerRoutes, requirePartner } from '../../../core/runtime/http/require-partner';
import { TOKENS } from '../../../core/runtime/tokens';
import { FieldReader, readObject } from '../../../core/validation/field-reader';
import { UUID_PATTERN } from '../../../core/validation/uuid';
import { extendedAmount } from '../../../core/values/extended-amount';
import type { LocalDate } from '../../../core/values/instant';
import { Money, ZERO_MONEY, addMoney, compareMoney, parseMoney, subtractMoney, sumMoney } from '../../../core/values/money';
import { ALTERNATIVE_SYSTEM } from '../alternative-system';
import { customerById } from '../store/customer-ledger';
import { AltInvoiceRow, createOwnInvoice, invoiceById, linesOf, lockInvoice, reviseInvoice, setOwnBalance } from '../store/invoice-ledger';
import { releaseKeptPayments, unreflectedPayments } from '../store/payment-ledger';
import { platformPayment } from './platform-payment';
import type { Connection } from '../../../core/store/entities/connection';
import { INVOICE_WRITE_API } from './invoice-write-api';
import { invoiceViews } from './invoice-view';
import { PlatformChanges } from './platform-changes';

/** Enough for any real invoice; bounds what one request can make the database write. */
export const MAX_INVOICE_LINES = 200;

interface LineInput {
  readonly id?: string;
  readonly item?: string;
  readonly description: string;
  readonly quantity?: string;
  readonly rate?: string;
  readonly amount: Money;
}

function readLine(r: FieldReader): LineInput {
  const line = {
    id: r.string('id', { optional: true, max: 64 }),
    item: r.string('item', { optional: true, max: 159 }),
    description: r.string('description', { max: 4095 }),
    quantity: r.string('quantity', { optional: true, ...DECIMAL_RULES }),
    rate: r.string('rate', { optional: true, ...DECIMAL_RULES }),
    amount: r.money('amount'),
  };
  // A priced line's amount is its quantity (1 when absent) times its rate, to the cent, as QuickBooks computes it.
  if (
    line.rate !== undefined &&
    line.amount !== undefined &&
    DECIMAL_RULES.pattern.test(line.rate) &&
    (line.quantity === undefined || DECIMAL_RULES.pattern.test(line.quantity))
  ) {
    const expected = extendedAmount(line.quantity ?? '1', line.rate);
    if (compareMoney(expected, line.amount) !== 0) r.problem('amount', `must be quantity x rate = ${expected}`);
  }
  return line;
}

const readLines = (r: FieldReader, optional: boolean) => {
  const lines = r.array('lines', readLine, { optional, minItems: 1 });
  if (lines && lines.length > MAX_INVOICE_LINES) r.problem('lines', `must hold at most ${MAX_INVOICE_LINES} lines`);
  return lines;
};

/** Ledger lines from the request's: a line naming an existing one keeps its id and, unless given anew, its item. */
async function ledgerLines(em: EntityManager, input: readonly LineInput[], invoiceId?: string): Promise<LineItem[]> {
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

/** What the ledger's amounts hold (numeric(15,2)): 13 integer digits. */
const MAX_TOTAL = parseMoney('9999999999999.99');

/** An invoice adds up to more than nothing, and to no more than the ledger can hold. */
function checkTotal(total: Money): void {
  if (compareMoney(total, ZERO_MONEY) <= 0)
    throw new AppError('invalid', `lines must add up to more than 0.00 (they add up to ${total}).`, {
      problems: [{ at: 'lines', message: 'must add up to more than 0.00' }],
    });
  if (compareMoney(total, MAX_TOTAL) > 0)
    throw new AppError('invalid', `lines add up to ${total}, more than an invoice can hold (${MAX_TOTAL}).`, {
      problems: [{ at: 'lines', message: `must add up to at most ${MAX_TOTAL}` }],
    });
}

/** An invoice's lines as the ledger has them, when an edit leaves them as they are. */
async function keptLines(em: EntityManager, invoiceId: string): Promise<LineItem[]> {
  return ((await linesOf(em, [invoiceId])).get(invoiceId) ?? []).map((l) => ({
    id: l.source_line_id,
    itemName: l.item_name ?? undefined,
    description: l.description ?? undefined,
    quantity: l.quantity ?? undefined,
    rate: l.rate ?? undefined,
    amount: parseMoney(l.amount),
  }));
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
 * Invoices made and edited on the platform. They stay on the platform unless a partner's rules
 * send them on (then the target adds the invoice once, and edits follow); the next change made to
 * an invoice in its source system wins over an edit made here.
 */
@injectable()
export class InvoiceRoutes implements HttpRoutes {
  readonly name = 'alternative-invoices';
  readonly api = INVOICE_WRITE_API;

  constructor(
    @inject(PlatformChanges) private readonly changes: PlatformChanges,
    @inject(TOKENS.Clock) private readonly clock: () => Date,
  ) {}

  register(router: AppRouter): void {
    const partnerRouter = partnerRoutes(router);
    const auth = requirePartner(this.clock);

    partnerRouter.post('/api/connections/:id/invoices', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const now = this.clock();
      const body = readObject('invoice', await readJsonBody(ctx), (r) => ({
        customerId: r.string('customerId', { max: 36 }),
        // QuickBooks keeps an invoice number of at most 11 characters.
        number: r.string('number', { optional: true, max: 11 }),
        date: r.localDate('date', { optional: true }),
        dueDate: r.localDate('dueDate', { optional: true }),
        lines: readLines(r, false)!,
      }));
      const id = await ctx.state.em.transactional(async (tx) => {
        const em = tx as EntityManager;
        const customer = UUID_PATTERN.test(body.customerId) ? await customerById(em, connection.id, body.customerId) : undefined;
        if (!customer || customer.deleted_at || customer.archived_at)
          throw new AppError('invalid', 'customerId: no such customer on this connection.', {
            problems: [{ at: 'customerId', message: 'is not a customer of this connection' }],
          });
        const lines = await ledgerLines(em, body.lines);
        const total = sumMoney(lines.map((l) => l.amount));
        checkTotal(total);
        const invoice: Omit<Invoice, 'id'> = {
          customerId: customer.source_id,
          number: body.number,
          txnDate: body.date ?? (now.toISOString().slice(0, 10) as LocalDate),
          dueDate: body.dueDate,
          lines,
          subtotal: total,
          salesTax: ZERO_MONEY,
          total,
          balance: total,
          status: 'open',
        };
        const invoiceId = await createOwnInvoice(em, { connectionId: connection.id, system: ALTERNATIVE_SYSTEM, invoice, now });
        await this.changes.send(em, connection, { item: 'invoice', operation: 'upsert', sourceId: invoiceId, payload: { ...invoice, id: invoiceId } }, now);
        return invoiceId;
      });
      ctx.status = 201;
      ctx.body = (await invoiceViews(ctx.state.em, connection, [(await invoiceById(ctx.state.em, connection.id, id))!], this.changes))[0];
    });

    partnerRouter.patch('/api/connections/:id/invoices/:invoiceId', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const now = this.clock();
      const body = readObject('invoice change', await readJsonBody(ctx), (r) => ({
        dueDate: r.localDate('dueDate', { optional: true }),
        lines: readLines(r, true),
      }));
      if (body.dueDate === undefined && body.lines === undefined) throw new AppError('invalid', 'Send dueDate, lines or both.');
      await ctx.state.em.transactional(async (tx) => {
        const em = tx as EntityManager;
        // Locked: a payment of this invoice waits for the edit, and sees its new total.
        const row = UUID_PATTERN.test(ctx.params.invoiceId) ? await lockInvoice(em, connection.id, ctx.params.invoiceId) : undefined;
        if (!row) throw new AppError('not-found', 'No such invoice on this connection.');
        if (row.archived_at) throw new AppError('invalid', 'This invoice was deleted or archived in QuickBooks; it can no longer be edited.');
        if (row.status === 'paid' || row.status === 'void') throw new AppError('invalid', `Only unpaid invoices can be edited; this one is ${row.status}.`);
        const lines = body.lines ? await ledgerLines(em, body.lines, row.id) : undefined;
        const before = { subtotal: parseMoney(row.subtotal), total: parseMoney(row.total), balance: parseMoney(row.balance) };
        const subtotal = lines ? sumMoney(lines.map((l) => l.amount)) : before.subtotal;
        const total = addMoney(subtotal, parseMoney(row.sales_tax));
        checkTotal(total);
        // What payments and credits took stays taken: the balance moves with the total.
        const paid = addMoney(subtractMoney(before.total, before.balance), await unreflectedPayments(em, row.id));
        if (compareMoney(total, paid) < 0)
          throw new AppError('invalid', `lines add up to ${total}, less than the ${paid} already paid on this invoice.`, {
            problems: [{ at: 'lines', message: `must add up to at least ${paid}` }],
          });
        const balance = subtractMoney(total, subtractMoney(before.total, before.balance));
        const amounts = {
          dueDate: body.dueDate ?? (row.due_date as LocalDate | null) ?? undefined,
          subtotal,
          total,
          balance,
          status: invoiceStatusFor(total, balance),
        };
        await reviseInvoice(em, row.id, { ...amounts, lines }, now);
        const revised = { ...amounts, lines: lines ?? (await keptLines(em, row.id)) };
        const fromElsewhere = row.source_system !== ALTERNATIVE_SYSTEM;
        // An invoice from elsewhere is edited field by field; one made here goes whole until it is there.
        const edited = [...(body.dueDate !== undefined ? ['due-date'] : []), ...(lines ? ['lines', 'amounts'] : [])];
        const scope = fromElsewhere ? { targetId: row.source_id, fieldGroups: edited } : {};
        const outcome = await this.changes.send(
          em,
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
          await this.sendKeptPayments(em, connection, { ...row, balance: revised.balance, total: revised.total }, now);
      });
      ctx.body = (await invoiceViews(ctx.state.em, connection, [(await invoiceById(ctx.state.em, connection.id, ctx.params.invoiceId))!], this.changes))[0];
    });

    partnerRouter.get('/api/connections/:id/invoices/:invoiceId', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const row = UUID_PATTERN.test(ctx.params.invoiceId) ? await invoiceById(ctx.state.em, connection.id, ctx.params.invoiceId) : undefined;
      if (!row) throw new AppError('not-found', 'No such invoice on this connection.');
      ctx.body = (await invoiceViews(ctx.state.em, connection, [row], this.changes))[0];
    });
  }
  /**
   * A platform invoice now on its way to the accounting system (the rules send it, or an edit made
   * it acceptable there): the payments kept here while it was platform-only follow it, and its
   * balance no longer counts them until the system's own balance is read back.
   */
  private async sendKeptPayments(em: EntityManager, connection: Connection, invoice: AltInvoiceRow, now: Date): Promise<void> {
    const released = await releaseKeptPayments(em, invoice.id, now);
    if (released.length === 0) return;
    const restored = addMoney(parseMoney(invoice.balance), sumMoney(released.map((p) => parseMoney(p.amount))));
    await setOwnBalance(em, invoice.id, restored, parseMoney(invoice.total), now);
    for (const p of released) {
      const payment = platformPayment(
        { id: p.id, amount: parseMoney(p.amount), receivedOn: p.received_on as LocalDate, method: p.method, reference: p.reference },
        invoice,
      );
      await this.changes.send(em, connection, { item: 'payment', operation: 'upsert', sourceId: p.id, payload: payment }, now);
    }
  }
}
