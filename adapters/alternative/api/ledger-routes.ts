import { inject, injectable } from 'inversify';
import { LEDGER_API } from './alternative-api';
import { decodeCursor, nextCursor, pageSize } from './page-cursor';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { ownedConnection } from '../../../core/runtime/http/owned-connection';
import { partnerRoutes, requirePartner } from '../../../core/runtime/http/require-partner';
import { TOKENS } from '../../../core/runtime/tokens';
import { readEvents } from '../../../core/store/sync-events';
import { listCustomers } from '../store/customer-ledger';
import { customerView } from './customer-routes';
import { linesOf, listInvoices } from '../store/invoice-ledger';

/** The ledger as the partner reads it: customers, invoices and the sync log, paged with `limit` and `cursor`. */
@injectable()
export class LedgerRoutes implements HttpRoutes {
  readonly name = 'alternative-ledger';
  readonly api = LEDGER_API;

  constructor(@inject(TOKENS.Clock) private readonly clock: () => Date) {}

  register(router: AppRouter): void {
    const partnerRouter = partnerRoutes(router);
    const auth = requirePartner(this.clock);

    partnerRouter.get('/api/connections/:id/customers', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const limit = pageSize(ctx.query.limit);
      const after = decodeCursor(ctx.query.cursor, ['fullName', 'id']);
      const rows = await listCustomers(ctx.state.em, connection.id, limit, after);
      ctx.body = {
        items: rows.map(customerView),
        nextCursor: nextCursor(rows, limit, (last) => ({ fullName: last.full_name, id: last.id })),
      };
    });

    partnerRouter.get('/api/connections/:id/invoices', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const limit = pageSize(ctx.query.limit);
      const after = decodeCursor(ctx.query.cursor, ['txnDate', 'id']);
      const rows = await listInvoices(ctx.state.em, connection.id, limit, after);
      const lines = await linesOf(ctx.state.em, rows.map((r) => r.id));
      ctx.body = {
        items: rows.map((i) => ({
          id: i.id, number: i.number, customerSourceId: i.customer_source_id, txnDate: i.txn_date, dueDate: i.due_date, memo: i.memo,
          subtotal: i.subtotal, salesTax: i.sales_tax, total: i.total, balance: i.balance, status: i.status,
          archived: i.archived_at !== null, deleted: i.deleted_at !== null,
          qbd: { txnId: i.source_id, refNumber: i.number, editSequence: i.source_version },
          lines: (lines.get(i.id) ?? []).map((l) => ({ id: l.source_line_id, itemName: l.item_name, description: l.description, quantity: l.quantity, rate: l.rate, amount: l.amount })),
        })),
        nextCursor: nextCursor(rows, limit, (last) => ({ txnDate: last.txn_date, id: last.id })),
      };
    });

    partnerRouter.get('/api/connections/:id/events', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const limit = pageSize(ctx.query.limit);
      const before = decodeCursor(ctx.query.cursor, ['id'], 'serial');
      const rows = await readEvents(ctx.state.em, connection.id, limit, before?.id);
      ctx.body = {
        items: rows.map((e) => ({ id: String(e.id), at: new Date(e.at).toISOString(), item: e.item, operation: e.operation, from: e.source, to: e.target, sourceId: e.source_id, outcome: e.outcome, message: e.message })),
        nextCursor: nextCursor(rows, limit, (last) => ({ id: String(last.id) })),
      };
    });
  }
}
