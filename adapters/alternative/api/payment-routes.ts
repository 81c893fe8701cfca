import type { EntityManager } from '@mikro-orm/postgresql';
import { PAYMENT_API } from './payment-api';
import { inject, injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { ownedConnection } from '../../../core/runtime/http/owned-connection';
import { readJsonBody } from '../../../core/runtime/http/read-json-body';
import { partnerRoutes, requirePartner } from '../../../core/runtime/http/require-partner';
import { TOKENS } from '../../../core/runtime/tokens';
import { Connection } from '../../../core/store/entities/connection';
import { readObject } from '../../../core/validation/field-reader';
import { UUID_PATTERN } from '../../../core/validation/uuid';
import type { LocalDate } from '../../../core/values/instant';
import { Money, ZERO_MONEY, addMoney, compareMoney, parseMoney, subtractMoney, sumMoney } from '../../../core/values/money';
import type { Deposit } from '../../../core/items/deposit';
import { alreadyPaidOut, createPayout, payoutsOf } from '../store/payout-ledger';
import { ALTERNATIVE_SYSTEM } from '../alternative-system';
import { PlatformChanges } from './platform-changes';
import { platformPayment } from './platform-payment';
import { decodeCursor, nextCursor, pageSize } from './page-cursor';
import {
  AltPaymentRow,
  InvoiceToPay,
  NewestFirstKey,
  createPayment,
  lockInvoiceToPay,
  markPaymentFailed,
  paymentById,
  paymentsByIds,
  paymentsOf,
} from '../store/payment-ledger';
import { depositState, paymentState } from './payment-states';
import { lockInvoice, setOwnBalance } from '../store/invoice-ledger';
import { hasLiveWrite } from '../../../core/store/outbox';

/**
 * The most payments one payout may carry. A bank payout of a payments platform is daily and
 * per merchant; 500 keeps the payout's one transaction (and the DepositAdd it becomes) short,
 * where 20,000 held the embedded database's only connection for 38 s.
 */
export const MAX_PAYOUT_PAYMENTS = 500;

const KEPT_HERE = 'The invoice exists only on the platform, so this payment stays here too.';
const KEPT_PAYOUT = 'Its payments stayed on the platform (their invoices exist only there), so QuickBooks needs no deposit for them.';

/** An invoice made on the platform that no write is taking anywhere: its payments stay here. */
async function onlyHere(em: EntityManager, connectionId: string, invoice: InvoiceToPay): Promise<boolean> {
  return invoice.source_system === ALTERNATIVE_SYSTEM && !(await hasLiveWrite(em, connectionId, 'invoice', invoice.id));
}

/**
 * Payments received on the platform. A payment is recorded here at once and flows to
 * QuickBooks through the rules at the next Web Connector session; its QuickBooks state is
 * read from the outbox. The ledger keeps QuickBooks' ids as its invoices' source ids, so the
 * payment can name the QuickBooks invoice and customer it pays.
 */
@injectable()
export class PaymentRoutes implements HttpRoutes {
  readonly name = 'alternative-payments';
  readonly api = PAYMENT_API;

  constructor(
    @inject(PlatformChanges) private readonly changes: PlatformChanges,
    @inject(TOKENS.Clock) private readonly clock: () => Date,
  ) {}

  register(router: AppRouter): void {
    const partnerRouter = partnerRoutes(router);
    const auth = requirePartner(this.clock);

    partnerRouter.post('/api/connections/:id/payments', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const now = this.clock();
      const body = readObject('payment', await readJsonBody(ctx), (r) => ({
        invoiceId: r.string('invoiceId', { max: 36 }),
        amount: r.money('amount'),
        date: r.localDate('date', { optional: true }),
        method: r.string('method', { optional: true, max: 31 }),
        reference: r.string('reference', { optional: true, max: 100 }),
      }));
      const id = await ctx.state.em.transactional(async (tx) => {
        const em = tx as EntityManager;
        const invoice = UUID_PATTERN.test(body.invoiceId) ? await lockInvoiceToPay(em, connection.id, body.invoiceId) : undefined;
        if (!invoice || invoice.deleted_at) throw new AppError('invalid', 'invoiceId: no such invoice on this connection.');
        if (compareMoney(body.amount, ZERO_MONEY) <= 0) throw new AppError('invalid', 'amount must be more than 0.00.');
        // QuickBooks' balance does not show the payments made here that it has not taken and been read back with yet.
        const owed = subtractMoney(parseMoney(invoice.balance), invoice.unreflected);
        if (compareMoney(body.amount, owed) > 0) {
          const left = compareMoney(owed, ZERO_MONEY) > 0 ? owed : ZERO_MONEY;
          const pending =
            compareMoney(invoice.unreflected, ZERO_MONEY) > 0
              ? ` (QuickBooks' balance ${parseMoney(invoice.balance)} less ${invoice.unreflected} of payments not yet in QuickBooks)`
              : '';
          throw new AppError('invalid', `amount is more than is still owed on this invoice: ${left}${pending}.`, {
            problems: [{ at: 'amount', message: `at most ${left}` }],
          });
        }
        const receivedOn = body.date ?? (now.toISOString().slice(0, 10) as LocalDate);
        const keptReason = (await onlyHere(em, connection.id, invoice)) ? KEPT_HERE : undefined;
        const paymentId = await createPayment(em, {
          connectionId: connection.id,
          invoiceId: invoice.id,
          amount: body.amount,
          receivedOn,
          method: body.method,
          reference: body.reference,
          keptReason,
          now,
        });
        if (keptReason) {
          await setOwnBalance(em, invoice.id, subtractMoney(parseMoney(invoice.balance), body.amount), parseMoney(invoice.total), now);
          return paymentId;
        }
        const payment = platformPayment({ id: paymentId, amount: body.amount, receivedOn, method: body.method, reference: body.reference }, invoice);
        await this.changes.send(em, connection, { item: 'payment', operation: 'upsert', sourceId: paymentId, payload: payment }, now);
        return paymentId;
      });
      ctx.status = 201;
      ctx.body = (await this.views(ctx.state.em, connection, [(await paymentById(ctx.state.em, id))!]))[0];
    });

    partnerRouter.post('/api/payments/:id/fail', auth, async (ctx) => {
      const now = this.clock();
      const found = UUID_PATTERN.test(ctx.params.id) ? await paymentById(ctx.state.em, ctx.params.id) : undefined;
      const connection = found && (await ctx.state.em.findOne(Connection, { id: found.connection_id, partner: ctx.state.partner }));
      if (!found || !connection) throw new AppError('not-found', 'No such payment.');
      if (found.status !== 'failed') {
        await ctx.state.em.transactional(async (tx) => {
          const em = tx as EntityManager;
          // Failed already by a call that ran meanwhile: nothing more to do.
          if (!(await markPaymentFailed(em, found.id, now))) return;
          if (found.kept_reason) {
            // Nothing left the platform: the invoice's own balance takes the money back.
            const invoice = (await lockInvoice(em, connection.id, found.invoice_id))!;
            await setOwnBalance(em, invoice.id, addMoney(parseMoney(invoice.balance), parseMoney(found.amount)), parseMoney(invoice.total), now);
            return;
          }
          await this.changes.send(
            em,
            connection,
            { item: 'payment', operation: 'delete', sourceId: found.id, payload: { reason: 'The payment failed.' } },
            now,
          );
        });
      }
      ctx.body = (await this.views(ctx.state.em, connection, [(await paymentById(ctx.state.em, found.id))!]))[0];
    });

    partnerRouter.post('/api/connections/:id/payouts', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const now = this.clock();
      const body = readObject('payout', await readJsonBody(ctx), (r) => ({
        paymentIds: r.stringList('paymentIds', { max: 36, maxItems: MAX_PAYOUT_PAYMENTS }),
        date: r.localDate('date', { optional: true }),
      }));
      if (body.paymentIds.length === 0 || new Set(body.paymentIds).size !== body.paymentIds.length)
        throw new AppError('invalid', 'paymentIds must name one or more different payments.');
      const notIds = body.paymentIds.filter((id) => !UUID_PATTERN.test(id));
      if (notIds.length) throw new AppError('invalid', `paymentIds: not payment ids: ${notIds.slice(0, 5).join(', ')}${notIds.length > 5 ? ', …' : ''}.`);
      const result = await ctx.state.em.transactional(async (tx) => {
        const em = tx as EntityManager;
        const found = await paymentsByIds(em, connection.id, body.paymentIds);
        const payments = body.paymentIds.map((id) => found.get(id));
        const bad = body.paymentIds.filter((_, i) => !payments[i] || payments[i]!.status !== 'succeeded');
        if (bad.length) throw new AppError('invalid', `paymentIds: not succeeded payments of this connection: ${bad.join(', ')}.`);
        const taken = await alreadyPaidOut(em, body.paymentIds);
        if (taken.length) throw new AppError('invalid', `paymentIds: already paid out: ${taken.join(', ')}.`);
        const total = sumMoney(payments.map((p) => p!.amount as Money));
        const paidOn = body.date ?? (now.toISOString().slice(0, 10) as LocalDate);
        const payoutId = await createPayout(em, { connectionId: connection.id, paidOn, total, paymentIds: body.paymentIds, now });
        // Payments kept on the platform are in no accounting system, so no deposit can carry them.
        const deposited = payments.filter((p) => !p!.kept_reason);
        if (deposited.length === 0) return { id: payoutId, paidOn, total, deposit: { needed: false, message: KEPT_PAYOUT } };
        const depositTotal = sumMoney(deposited.map((p) => p!.amount as Money));
        const deposit: Deposit = {
          id: payoutId,
          depositedOn: paidOn,
          total: depositTotal,
          lines: deposited.map((p) => ({ paymentId: p!.id, amount: p!.amount as Money })),
        };
        const outcome = await this.changes.send(em, connection, { item: 'deposit', operation: 'upsert', sourceId: payoutId, payload: deposit }, now);
        const kept =
          deposited.length < payments.length
            ? ` ${payments.length - deposited.length} of its payments stayed on the platform, so the deposit is ${depositTotal}.`
            : '';
        return {
          id: payoutId,
          paidOn,
          total,
          deposit:
            outcome?.outcome === 'skipped'
              ? { needed: false, message: outcome.message ?? '' }
              : { needed: true, message: `A deposit goes to QuickBooks at the next sync.${kept}` },
        };
      });
      ctx.status = 201;
      ctx.body = { id: result.id, date: result.paidOn, total: result.total, paymentIds: body.paymentIds, deposit: result.deposit };
    });

    partnerRouter.get('/api/connections/:id/deposits', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const limit = pageSize(ctx.query.limit);
      const payouts = await payoutsOf(ctx.state.em, connection.id, limit, decodeCursor(ctx.query.cursor, ['createdAt', 'id']));
      const deposits = await this.changes.recordsThere(
        ctx.state.em as EntityManager,
        connection,
        'deposit',
        payouts.map((p) => p.id),
      );
      ctx.body = {
        items: payouts.map((p) => ({ id: p.id, date: p.paid_on, total: p.total, paymentIds: p.payment_ids, qbd: depositState(deposits.get(p.id)) })),
        nextCursor: nextCursor(payouts, limit, (last): NewestFirstKey => ({ createdAt: last.created_key, id: last.id })),
      };
    });

    partnerRouter.get('/api/connections/:id/payments', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const limit = pageSize(ctx.query.limit);
      const rows = await paymentsOf(ctx.state.em, connection.id, limit, decodeCursor(ctx.query.cursor, ['createdAt', 'id']));
      ctx.body = {
        items: await this.views(ctx.state.em, connection, rows),
        nextCursor: nextCursor(rows, limit, (last): NewestFirstKey => ({ createdAt: last.created_key, id: last.id })),
      };
    });
  }

  /** Payments as the API shows them, their QuickBooks states read in one query for the page. */
  private async views(em: EntityManager, connection: Connection, payments: readonly AltPaymentRow[]) {
    const there = await this.changes.recordsThere(
      em,
      connection,
      'payment',
      payments.map((p) => p.id),
    );
    return payments.map((p) => {
      const qbd = p.kept_reason ? { state: 'not_sent', message: p.kept_reason } : paymentState(there.get(p.id));
      return { id: p.id, invoiceId: p.invoice_id, amount: p.amount, date: p.received_on, method: p.method, reference: p.reference, status: p.status, qbd };
    });
  }
}
