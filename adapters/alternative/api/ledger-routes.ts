import { injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { ownedConnection } from '../../../core/runtime/http/owned-connection';
import { partnerRoutes, requirePartner } from '../../../core/runtime/http/require-partner';
import { readEvents } from '../../../core/store/sync-events';
import { listCustomers } from '../store/customer-ledger';
import { customerView } from './customer-routes';
import { linesOf, listInvoices } from '../store/invoice-ledger';

const MAX_PAGE = 200;

function pageSize(raw: unknown): number {
  if (raw === undefined) return 50;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw new AppError('invalid', `limit must be a whole number from 1 to ${MAX_PAGE}.`);
  return n;
}

/** Opaque page cursors: base64url JSON, so clients never build them by hand. */
function decodeCursor<T>(raw: unknown): T | undefined {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(String(raw), 'base64url').toString('utf8')) as T;
  } catch {
    throw new AppError('invalid', 'The cursor is not one this API gave out.');
  }
}

const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** The ledger as the partner reads it: customers, invoices and the sync log, paged with `limit` and `cursor`. */
@injectable()
export class LedgerRoutes implements HttpRoutes {
  readonly name = 'alternative-ledger';

  register(router: AppRouter): void {
    const partnerRouter = partnerRoutes(router);
    const auth = requirePartner();

    partnerRouter.get('/api/connections/:id/customers', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const limit = pageSize(ctx.query.limit);
      const after = decodeCursor<{ fullName: string; id: string }>(ctx.query.cursor);
      const rows = await listCustomers(ctx.state.em, connection.id, limit, after);
      const last = rows[rows.length - 1];
      ctx.body = {
        items: rows.map(customerView),
        nextCursor: rows.length === limit && last ? encodeCursor({ fullName: last.full_name, id: last.id }) : null,
      };
    });

    partnerRouter.get('/api/connections/:id/invoices', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const limit = pageSize(ctx.query.limit);
      const after = decodeCursor<{ txnDate: string; id: string }>(ctx.query.cursor);
      const rows = await listInvoices(ctx.state.em, connection.id, limit, after);
      const lines = await linesOf(ctx.state.em, rows.map((r) => r.id));
      const last = rows[rows.length - 1];
      ctx.body = {
        items: rows.map((i) => ({
          id: i.id, number: i.number, customerSourceId: i.customer_source_id, txnDate: i.txn_date, dueDate: i.due_date, memo: i.memo,
          subtotal: i.subtotal, salesTax: i.sales_tax, total: i.total, balance: i.balance, status: i.status,
          archived: i.archived_at !== null, deleted: i.deleted_at !== null,
          qbd: { txnId: i.source_id, refNumber: i.number, editSequence: i.source_version },
          lines: (lines.get(i.id) ?? []).map((l) => ({ id: l.source_line_id, itemName: l.item_name, description: l.description, quantity: l.quantity, rate: l.rate, amount: l.amount })),
        })),
        nextCursor: rows.length === limit && last ? encodeCursor({ txnDate: last.txn_date, id: last.id }) : null,
      };
    });

    partnerRouter.get('/api/connections/:id/events', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const limit = pageSize(ctx.query.limit);
      const before = decodeCursor<{ id: string }>(ctx.query.cursor);
      const rows = await readEvents(ctx.state.em, connection.id, limit, before?.id);
      const last = rows[rows.length - 1];
      ctx.body = {
        items: rows.map((e) => ({ id: String(e.id), at: new Date(e.at).toISOString(), item: e.item, operation: e.operation, from: e.source, to: e.target, sourceId: e.source_id, outcome: e.outcome, message: e.message })),
        nextCursor: rows.length === limit && last ? encodeCursor({ id: String(last.id) }) : null,
      };
    });
  }
}
