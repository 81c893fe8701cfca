import { inject, injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { ownedConnection } from '../../../core/runtime/http/owned-connection';
import { readJsonBody } from '../../../core/runtime/http/read-json-body';
import { partnerRoutes, requirePartner } from '../../../core/runtime/http/require-partner';
import { TOKENS } from '../../../core/runtime/tokens';
import { UUID_PATTERN } from '../../../core/validation/uuid';
import { InvoiceWrites } from '../services/invoice-writes';
import { invoiceById } from '../store/invoice-ledger';
import { readInvoiceChange, readNewInvoice } from './invoice-input';
import { INVOICE_WRITE_API } from './invoice-write-api';
import { invoiceViews } from './invoice-view';
import { PlatformChanges } from '../services/platform-changes';

/** Invoices made, edited and read on the platform: the rules of it are InvoiceWrites'. */
@injectable()
export class InvoiceRoutes implements HttpRoutes {
  readonly name = 'alternative-invoices';
  readonly api = INVOICE_WRITE_API;

  constructor(
    @inject(InvoiceWrites) private readonly writes: InvoiceWrites,
    @inject(PlatformChanges) private readonly changes: PlatformChanges,
    @inject(TOKENS.Clock) private readonly clock: () => Date,
  ) {}

  register(router: AppRouter): void {
    const partnerRouter = partnerRoutes(router);
    const auth = requirePartner(this.clock);

    partnerRouter.post('/api/connections/:id/invoices', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const now = this.clock();
      const input = readNewInvoice(await readJsonBody(ctx));
      const id = await this.writes.create(ctx.state.em, connection, input, now);
      ctx.status = 201;
      ctx.body = (await invoiceViews(ctx.state.em, connection, [(await invoiceById(ctx.state.em, connection.id, id))!], this.changes))[0];
    });

    partnerRouter.patch('/api/connections/:id/invoices/:invoiceId', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const now = this.clock();
      const input = readInvoiceChange(await readJsonBody(ctx));
      await this.writes.revise(ctx.state.em, connection, ctx.params.invoiceId, input, now);
      ctx.body = (await invoiceViews(ctx.state.em, connection, [(await invoiceById(ctx.state.em, connection.id, ctx.params.invoiceId))!], this.changes))[0];
    });

    partnerRouter.get('/api/connections/:id/invoices/:invoiceId', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const row = UUID_PATTERN.test(ctx.params.invoiceId) ? await invoiceById(ctx.state.em, connection.id, ctx.params.invoiceId) : undefined;
      if (!row) throw new AppError('not-found', 'No such invoice on this connection.');
      ctx.body = (await invoiceViews(ctx.state.em, connection, [row], this.changes))[0];
    });
  }
}
