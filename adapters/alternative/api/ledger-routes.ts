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
import { listInvoices } from '../store/invoice-ledger';
import { invoiceViews } from './invoice-view';

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
      ctx.body = {
        items: await invoiceViews(ctx.state.em, connection.id, rows),
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
