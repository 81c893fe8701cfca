import { readObject } from '../validation/field-reader';
import { ID_RULES } from './item-kind';

/**
 * What an account is for, in words every accounting system can map to. The product needs to
 * tell a bank (deposits land there) and undeposited funds (payments wait there) from the rest.
 */
export const ACCOUNT_KINDS = [
  'bank',
  'undeposited-funds',
  'accounts-receivable',
  'accounts-payable',
  'other-asset',
  'liability',
  'equity',
  'income',
  'expense',
  'other',
] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** An account of the chart of accounts, offered in the payment and deposit dropdowns. */
export interface Account {
  readonly id: string;
  readonly name: string;
  readonly fullName: string;
  readonly kind: AccountKind;
  /** The source system's own type name (QuickBooks' AccountType), for display. */
  readonly sourceType: string;
  readonly isActive: boolean;
}

export const ACCOUNT_FIELD_GROUPS = ['details'] as const;

export function parseAccount(input: unknown, at = ''): Account {
  return readObject(
    'account',
    input,
    (r) => ({
      id: r.string('id', ID_RULES),
      name: r.string('name', { max: 159 }),
      fullName: r.string('fullName', { max: 159 }),
      kind: r.oneOf('kind', ACCOUNT_KINDS),
      sourceType: r.string('sourceType', { max: 64 }),
      isActive: r.boolean('isActive'),
    }),
    at,
  );
}
