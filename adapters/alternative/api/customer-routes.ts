import type { EntityManager } from '@mikro-orm/postgresql';
import { CUSTOMER_API } from './customer-api';
import { inject, injectable } from 'inversify';
import type { RecordInTarget } from '../../../core/ports/adapter-port';
import { AppError } from '../../../core/errors/app-error';
import type { Customer } from '../../../core/items/customer';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { ownedConnection } from '../../../core/runtime/http/owned-connection';
import { readJsonBody } from '../../../core/runtime/http/read-json-body';
import { partnerRoutes, requirePartner } from '../../../core/runtime/http/require-partner';
import { TOKENS } from '../../../core/runtime/tokens';
import { readObject } from '../../../core/validation/field-reader';
import { ALTERNATIVE_SYSTEM } from '../alternative-system';
import { AltCustomerRow, createOwnCustomer, customerById } from '../store/customer-ledger';
import { PlatformChanges } from './platform-changes';
import { sendSql } from '../../../core/store/send-sql';

/** The one shape a customer has in every answer of the API. */
export function customerView(c: AltCustomerRow) {
  return {
    id: c.id,
    name: c.name,
    fullName: c.full_name,
    companyName: c.company_name,
    email: c.email,
    phone: c.phone,
    isActive: c.is_active,
    balance: c.balance, // numeric arrives as an exact decimal string
    archived: c.archived_at !== null,
    deleted: c.deleted_at !== null,
    source: { system: c.source_system, id: c.source_id, version: c.source_version },
  };
}

/**
 * Where a customer made on the platform stands in QuickBooks. By default the rules keep such
 * customers on the platform (`not_sent`); a partner whose override sends them sees `pending`
 * until a Web Connector session adds it, then `synced` with QuickBooks' ListID.
 */
function qbdStateOf(c: AltCustomerRow, there: RecordInTarget | undefined) {
  if (c.source_system !== ALTERNATIVE_SYSTEM) return { state: 'synced', listId: c.source_id };
  if (!there) return { state: 'not_sent', message: 'Customers created here stay here: the rules do not send them to QuickBooks.' };
  if (there.state === 'written') return { state: 'synced', listId: there.targetId };
  if (there.state === 'refused') return { state: 'needs_action', message: there.message };
  return { state: 'pending' };
}

/** `POST /api/connections/:id/customers` creates a customer on the platform; `GET …/customers/:customerId` reads one. */
@injectable()
export class CustomerRoutes implements HttpRoutes {
  readonly name = 'alternative-customers';
  readonly api = CUSTOMER_API;

  constructor(
    @inject(PlatformChanges) private readonly changes: PlatformChanges,
    @inject(TOKENS.Clock) private readonly clock: () => Date,
  ) {}

  register(router: AppRouter): void {
    const partnerRouter = partnerRoutes(router);
    const auth = requirePartner(this.clock);

    partnerRouter.post('/api/connections/:id/customers', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const now = this.clock();
      const body = readObject('customer', await readJsonBody(ctx), (r) => ({
        name: r.string('name', { max: 209 }),
        companyName: r.string('companyName', { optional: true, max: 255 }),
        email: r.string('email', { optional: true, max: 1023 }),
        phone: r.string('phone', { optional: true, max: 64 }),
      }));
      const name = body.name.trim();
      if (!name) throw new AppError('invalid', 'name must not be empty.');
      const id = await ctx.state.em.transactional(async (tx) => {
        const em = tx as EntityManager;
        // QuickBooks keeps names unique; so does the ledger, so that a customer can go there whole.
        const twin = await sendSql(em, 'select 1 from alt_customer where connection_id = ? and lower(full_name) = lower(?) and deleted_at is null', [
          connection.id,
          name,
        ]);
        if (twin.length) throw new AppError('conflict', `A customer named "${name}" already exists on this connection.`);
        const customerId = await createOwnCustomer(em, {
          connectionId: connection.id,
          system: ALTERNATIVE_SYSTEM,
          name,
          companyName: body.companyName,
          email: body.email,
          phone: body.phone,
          now,
        });
        const customer: Customer = {
          id: customerId,
          name,
          fullName: name,
          companyName: body.companyName,
          email: body.email,
          phone: body.phone,
          isActive: true,
        };
        await this.changes.send(em, connection, { item: 'customer', operation: 'upsert', sourceId: customerId, payload: customer }, now);
        return customerId;
      });
      const row = (await customerById(ctx.state.em, connection.id, id))!;
      ctx.status = 201;
      ctx.body = { ...customerView(row), qbd: qbdStateOf(row, (await this.changes.recordsThere(ctx.state.em, connection, 'customer', [row.id])).get(row.id)) };
    });

    partnerRouter.get('/api/connections/:id/customers/:customerId', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const row = await customerById(ctx.state.em, connection.id, ctx.params.customerId);
      if (!row) throw new AppError('not-found', 'No such customer on this connection.');
      ctx.body = { ...customerView(row), qbd: qbdStateOf(row, (await this.changes.recordsThere(ctx.state.em, connection, 'customer', [row.id])).get(row.id)) };
    });
  }
}
