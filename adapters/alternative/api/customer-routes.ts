import { inject, injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { ownedConnection } from '../../../core/runtime/http/owned-connection';
import { readJsonBody } from '../../../core/runtime/http/read-json-body';
import { partnerRoutes, requirePartner } from '../../../core/runtime/http/require-partner';
import { TOKENS } from '../../../core/runtime/tokens';
import { readObject } from '../../../core/validation/field-reader';
import { CustomerWrites } from '../services/customer-writes';
import { customerById } from '../store/customer-ledger';
import { CUSTOMER_API } from './customer-api';
import { customerWithState } from './customer-view';
import { PlatformChanges } from '../services/platform-changes';

/** `POST /api/connections/:id/customers` creates a customer on the platform; `GET …/customers/:customerId` reads one. */
@injectable()
export class CustomerRoutes implements HttpRoutes {
  readonly name = 'alternative-customers';
  readonly api = CUSTOMER_API;

  constructor(
    @inject(CustomerWrites) private readonly writes: CustomerWrites,
    @inject(PlatformChanges) private readonly changes: PlatformChanges,
    @inject(TOKENS.Clock) private readonly clock: () => Date,
  ) {}

  register(router: AppRouter): void {
    const partnerRouter = partnerRoutes(router);
    const auth = requirePartner(this.clock);

    partnerRouter.post('/api/connections/:id/customers', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const now = this.clock();
      const input = readObject('customer', await readJsonBody(ctx), (r) => ({
        name: r.string('name', { max: 209 }),
        companyName: r.string('companyName', { optional: true, max: 255 }),
        email: r.string('email', { optional: true, max: 1023 }),
        phone: r.string('phone', { optional: true, max: 64 }),
      }));
      const id = await this.writes.create(ctx.state.em, connection, input, now);
      const row = (await customerById(ctx.state.em, connection.id, id))!;
      ctx.status = 201;
      ctx.body = await customerWithState(ctx.state.em, connection, row, this.changes);
    });

    partnerRouter.get('/api/connections/:id/customers/:customerId', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const row = await customerById(ctx.state.em, connection.id, ctx.params.customerId);
      if (!row) throw new AppError('not-found', 'No such customer on this connection.');
      ctx.body = await customerWithState(ctx.state.em, connection, row, this.changes);
    });
  }
}
