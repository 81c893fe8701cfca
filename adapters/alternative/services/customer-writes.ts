import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import type { Customer } from '../../../core/items/customer';
import type { Connection } from '../../../core/store/entities/connection';
import { ALTERNATIVE_SYSTEM } from '../alternative-system';
import { PlatformChanges } from './platform-changes';
import { createOwnCustomer, customerNameTaken } from '../store/customer-ledger';

/** A customer a partner makes on the platform; the name is trimmed and must hold something. */
export interface NewCustomerInput {
  readonly name: string;
  readonly companyName?: string;
  readonly email?: string;
  readonly phone?: string;
}

/** Customers made on the platform: by default the rules keep them here. */
@injectable()
export class CustomerWrites {
  constructor(@inject(PlatformChanges) private readonly changes: PlatformChanges) {}

  /** Makes the customer (its name unique on the connection, in any case), sends it through the rules, and returns its id. */
  async create(em: EntityManager, connection: Connection, input: NewCustomerInput, now: Date): Promise<string> {
    const name = input.name.trim();
    if (!name) throw new AppError('invalid', 'name must not be empty.');
    const { companyName, email, phone } = input;
    return em.transactional(async (tx) => {
      const trx = tx as EntityManager;
      // QuickBooks keeps names unique; so does the ledger, so that a customer can go there whole.
      if (await customerNameTaken(trx, connection.id, name)) throw new AppError('conflict', `A customer named "${name}" already exists on this connection.`);
      const customerId = await createOwnCustomer(trx, { connectionId: connection.id, system: ALTERNATIVE_SYSTEM, name, companyName, email, phone, now });
      const customer: Customer = { id: customerId, name, fullName: name, companyName, email, phone, isActive: true };
      await this.changes.send(trx, connection, { item: 'customer', operation: 'upsert', sourceId: customerId, payload: customer }, now);
      await this.changes.tell(trx, connection, 'customer', [{ id: customerId, news: 'created' }], now);
      return customerId;
    });
  }
}
