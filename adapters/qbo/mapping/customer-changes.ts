import type { Change } from '../../../core/changes/change';
import { Customer, parseCustomer } from '../../../core/items/customer';
import type { Instant } from '../../../core/values/instant';
import { QBO_SYSTEM } from '../qbo-system';
import { qboMoney } from './qbo-decimal';
import type { QboCustomer, QboTombstone } from './qbo-records';

/** A QBO customer as the core's customer (a sub-customer's full name is its `Parent:Child` path). */
export function qboCustomer(record: QboCustomer): Customer {
  const balance = record.BalanceWithJobs ?? record.Balance;
  return parseCustomer({
    id: record.Id,
    name: record.DisplayName,
    fullName: record.FullyQualifiedName ?? record.DisplayName,
    companyName: record.CompanyName || undefined,
    email: record.PrimaryEmailAddr?.Address || undefined,
    phone: record.PrimaryPhone?.FreeFormNumber || undefined,
    // Active is left out when true on some answers: only false makes a customer inactive.
    isActive: record.Active !== false,
    balance: balance === undefined ? undefined : qboMoney(balance, record.BalanceWithJobs === undefined ? 'Balance' : 'BalanceWithJobs'),
  });
}

/**
 * The changes a QBO customer makes: an upsert of what it is now, and an archive when it is
 * inactive (QBO cannot delete a customer; made inactive is its delete, reference §5.1).
 */
export function customerChanges(record: QboCustomer, observedAt: Instant): Change[] {
  const envelope = { item: 'customer', source: QBO_SYSTEM, sourceId: record.Id, sourceVersion: record.SyncToken, observedAt };
  const upsert: Change = { ...envelope, operation: 'upsert', payload: qboCustomer(record) };
  if (record.Active !== false) return [upsert];
  return [upsert, { ...envelope, operation: 'archive', payload: { reason: 'Made inactive in QuickBooks Online.' } }];
}

/** A customer CDC reports deleted (a merge folds one customer into another): deleted on the platform. */
export function deletedCustomerChange(record: QboTombstone, observedAt: Instant): Change {
  return {
    item: 'customer',
    operation: 'delete',
    source: QBO_SYSTEM,
    sourceId: record.Id,
    observedAt,
    payload: { reason: 'Deleted (or merged into another customer) in QuickBooks Online.' },
  };
}
