import { inject, injectable } from 'inversify';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { ownedConnection } from '../../../core/runtime/http/owned-connection';
import { readJsonBody } from '../../../core/runtime/http/read-json-body';
import { partnerRoutes, requirePartner } from '../../../core/runtime/http/require-partner';
import { TOKENS } from '../../../core/runtime/tokens';
import { readObject } from '../../../core/validation/field-reader';
import { PaymentWrites } from '../services/payment-writes';
import { MAX_PAYOUT_PAYMENTS, PayoutWrites } from '../services/payout-writes';
import { NewestFirstKey, paymentById, paymentsOf } from '../store/payment-ledger';
import { payoutsOf } from '../store/payout-ledger';
import { decodeCursor, nextCursor, pageSize } from './page-cursor';
import { PAYMENT_API } from './payment-api';
import { depositViews, paymentViews } from './payment-view';
import { PlatformChanges } from '../services/platform-changes';

/**
 * Payments received on the platform and their payouts (PaymentWrites and PayoutWrites hold the
 * rules). A payment's QuickBooks state is asked of the connection's adapter: the ledger keeps
 * QuickBooks' ids as its invoices' source ids, so a payment can name what it pays there.
 */
@injectable()
export class PaymentRoutes implements HttpRoutes {
  readonly name = 'alternative-payments';
  readonly api = PAYMENT_API;

  constructor(
    @inject(PaymentWrites) private readonly payments: PaymentWrites,
    @inject(PayoutWrites) private readonly payouts: PayoutWrites,
    @inject(PlatformChanges) private readonly changes: PlatformChanges,
    @inject(TOKENS.Clock) private readonly clock: () => Date,
  ) {}

  register(router: AppRouter): void {
    const partnerRouter = partnerRoutes(router);
    const auth = requirePartner(this.clock);

    partnerRouter.post('/api/connections/:id/payments', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const now = this.clock();
      const input = readObject('payment', await readJsonBody(ctx), (r) => ({
        invoiceId: r.string('invoiceId', { max: 36 }),
        amount: r.money('amount'),
        date: r.localDate('date', { optional: true }),
        method: r.string('method', { optional: true, max: 31 }),
        reference: r.string('reference', { optional: true, max: 100 }),
      }));
      const id = await this.payments.record(ctx.state.em, connection, input, now);
      ctx.status = 201;
      ctx.body = (await paymentViews(ctx.state.em, connection, [(await paymentById(ctx.state.em, id))!], this.changes))[0];
    });

    partnerRouter.post('/api/payments/:id/fail', auth, async (ctx) => {
      const connection = await this.payments.fail(ctx.state.em, ctx.state.partner, ctx.params.id, this.clock());
      ctx.body = (await paymentViews(ctx.state.em, connection, [(await paymentById(ctx.state.em, ctx.params.id))!], this.changes))[0];
    });

    partnerRouter.post('/api/connections/:id/payouts', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const now = this.clock();
      const input = readObject('payout', await readJsonBody(ctx), (r) => ({
        paymentIds: r.stringList('paymentIds', { max: 36, maxItems: MAX_PAYOUT_PAYMENTS }),
        date: r.localDate('date', { optional: true }),
      }));
      const made = await this.payouts.create(ctx.state.em, connection, input, now);
      ctx.status = 201;
      ctx.body = { id: made.id, date: made.paidOn, total: made.total, paymentIds: input.paymentIds, deposit: made.deposit };
    });

    partnerRouter.get('/api/connections/:id/deposits', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const limit = pageSize(ctx.query.limit);
      const payouts = await payoutsOf(ctx.state.em, connection.id, limit, decodeCursor(ctx.query.cursor, ['createdAt', 'id']));
      ctx.body = {
        items: await depositViews(ctx.state.em, connection, payouts, this.changes),
        nextCursor: nextCursor(payouts, limit, (last): NewestFirstKey => ({ createdAt: last.created_key, id: last.id })),
      };
    });

    partnerRouter.get('/api/connections/:id/payments', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const limit = pageSize(ctx.query.limit);
      const rows = await paymentsOf(ctx.state.em, connection.id, limit, decodeCursor(ctx.query.cursor, ['createdAt', 'id']));
      ctx.body = {
        items: await paymentViews(ctx.state.em, connection, rows, this.changes),
        nextCursor: nextCursor(rows, limit, (last): NewestFirstKey => ({ createdAt: last.created_key, id: last.id })),
      };
    });
  }
}
