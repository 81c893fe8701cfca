import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { LEDGER_API } from './ledger-api';
import { decodeCursor, nextCursor, pageSize } from './page-cursor';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { ownedConnection } from '../../../core/runtime/http/owned-connection';
import { partnerRoutes, requirePartner } from '../../../core/runtime/http/require-partner';
import { TOKENS } from '../../../core/runtime/tokens';
import { EventFilter, readEvents } from '../../../core/store/sync-events';
import type { FrameworkRegistry } from '../../../core/plugins/framework-registry';
import { AppError } from '../../../core/errors/app-error';
import { eventViews } from './event-view';
import { PlatformChanges } from '../services/platform-changes';
import { listCustomers } from '../store/customer-ledger';
import { customerView } from './customer-view';
import { listInvoices } from '../store/invoice-ledger';
import { invoiceViews } from './invoice-view';

/** The ledger as the partner reads it: customers, invoices and the sync log, paged with `limit` and `cursor`. */
@injectable()
export class LedgerRoutes implements HttpRoutes {
  readonly name = 'alternative-ledger';
  readonly api = LEDGER_API;

  constructor(
    @inject(TOKENS.Clock) private readonly clock: () => Date,
    @inject(TOKENS.FrameworkRegistry) private readonly registry: FrameworkRegistry,
    @inject(PlatformChanges) private readonly changes: PlatformChanges,
  ) {}

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
      const rows = await listInvoices(ctx.state.em, connection.id, limit, after, {
        withArchived: queryChoice(ctx.query.archived, 'archived', ['exclude', 'include'] as const) === 'include',
        search: searchText(ctx.query.q),
      });
      ctx.body = {
        items: await invoiceViews(ctx.state.em, connection, rows, this.changes),
        nextCursor: nextCursor(rows, limit, (last) => ({ txnDate: last.txn_date, id: last.id })),
      };
    });

    partnerRouter.get('/api/connections/:id/events', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const limit = pageSize(ctx.query.limit);
      const before = decodeCursor(ctx.query.cursor, ['id'], 'serial');
      const filter: EventFilter = queryChoice(ctx.query.filter, 'filter', ['all', 'attention'] as const);
      const rows = await readEvents(ctx.state.em, connection.id, limit, before?.id, filter);
      ctx.body = {
        items: await eventViews(ctx.state.em as EntityManager, connection.id, rows, this.registry),
        nextCursor: nextCursor(rows, limit, (last) => ({ id: String(last.id) })),
      };
    });
  }
}

/** One of a query parameter's values; absent is the first. Anything else is refused, naming the choices. */
function queryChoice<T extends string>(raw: unknown, name: string, choices: readonly T[]): T {
  if (raw === undefined) return choices[0];
  if (typeof raw === 'string' && (choices as readonly string[]).includes(raw)) return raw as T;
  throw new AppError('invalid', `${name} must be ${choices.join(' or ')}.`, { problems: [{ at: name, message: `must be ${choices.join(' or ')}` }] });
}

/** The text an invoice search looks for: trimmed, at most 100 characters, one value. */
function searchText(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.length > 100)
    throw new AppError('invalid', 'q must be one piece of text of at most 100 characters.', {
      problems: [{ at: 'q', message: 'must be one piece of text of at most 100 characters' }],
    });
  return raw.trim() || undefined;
}
