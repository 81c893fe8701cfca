import { EntityName } from './qbo-records';

export type FieldKind = 'id' | 'datetime' | 'date' | 'number' | 'boolean' | 'string' | 'ref';

const COMMON: Record<string, FieldKind> = { Id: 'id', 'MetaData.CreateTime': 'datetime', 'MetaData.LastUpdatedTime': 'datetime' };
const TXN: Record<string, FieldKind> = { ...COMMON, TxnDate: 'date', TotalAmt: 'number' };

/**
 * Which properties each entity lets a query filter and sort on (the XSD's Filterable/Sortable
 * annotations, ../shared/reference/qbo-api.md §3; the lists are trimmed to what this simulator
 * keeps). Any other property is 4001 "not queryable", as PrivateNote is live.
 */
export const QUERYABLE: Record<EntityName, Record<string, FieldKind>> = {
  Customer: {
    ...COMMON,
    Active: 'boolean',
    DisplayName: 'string',
    GivenName: 'string',
    FamilyName: 'string',
    CompanyName: 'string',
    Balance: 'number',
    'PrimaryEmailAddr.Address': 'string',
  },
  Invoice: { ...TXN, DocNumber: 'string', CustomerRef: 'ref', DueDate: 'date', Balance: 'number' },
  // DocNumber is not filterable on Payment (§5.3).
  Payment: { ...TXN, CustomerRef: 'ref', DepositToAccountRef: 'ref' },
  Deposit: { ...TXN, DepositToAccountRef: 'ref' },
  Account: {
    ...COMMON,
    Active: 'boolean',
    Name: 'string',
    AccountType: 'string',
    AccountSubType: 'string',
    Classification: 'string',
    CurrentBalance: 'number',
  },
  Item: { ...COMMON, Active: 'boolean', Name: 'string', Type: 'string' },
};

/** Reads a dotted property from an object as the API shows it; a reference yields its value. */
export function fieldValue(json: Record<string, unknown>, path: string): unknown {
  let value: unknown = json;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  if (value && typeof value === 'object' && 'value' in value) return (value as { value: unknown }).value;
  return value;
}
