import { readObject } from '../validation/field-reader';
import { Money } from '../values/money';
import { ID_RULES } from './item-kind';

/** A customer (a QuickBooks customer or job; an Alternative payer). */
export interface Customer {
  readonly id: string;
  /** The short name, unique among siblings in QuickBooks (at most 41 characters there). */
  readonly name: string;
  /** The full path for jobs (`Parent:Job`); equal to name for a top-level customer. */
  readonly fullName: string;
  readonly companyName?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly isActive: boolean;
  /** What the customer owes, including jobs, when the source reports it. */
  readonly balance?: Money;
}

export const CUSTOMER_FIELD_GROUPS = ['identity', 'contact', 'active', 'balance'] as const;

/**
 * @example parseCustomer({ id: '80000001-1446673838', name: 'Acme', fullName: 'Acme', isActive: true })
 */
export function parseCustomer(input: unknown, at = ''): Customer {
  return readObject(
    'customer',
    input,
    (r) => ({
      id: r.string('id', ID_RULES),
      name: r.string('name', { max: 209 }),
      fullName: r.string('fullName', { max: 209 }),
      companyName: r.string('companyName', { optional: true, max: 255 }),
      email: r.string('email', { optional: true, max: 1023 }),
      phone: r.string('phone', { optional: true, max: 64 }),
      isActive: r.boolean('isActive'),
      balance: r.money('balance', { optional: true }),
    }),
    at,
  );
}
