import type { Change } from '../../../core/changes/change';
import { parseCustomer } from '../../../core/items/customer';
import type { Instant } from '../../../core/values/instant';
import type { CustomerRecord } from '../qbxml/records/customer-record';
import type { ListDeletedRecord } from '../qbxml/records/deleted-records';
import { QBD_SYSTEM } from '../qbd-system';

/**
 * A QuickBooks customer as changes: an upsert of what it is now, and an archive when it is
 * inactive (QuickBooks has no "archived"; inactive is its nearest word). Throws an invalid
 * AppError when the record does not make a valid customer.
 */
export function customerChanges(record: CustomerRecord, observedAt: Instant): Change[] {
  const customer = parseCustomer({
    id: record.listId,
    name: record.name,
    fullName: record.fullName,
    companyName: record.companyName,
    email: record.email,
    phone: record.phone,
    isActive: record.isActive,
    balance: record.totalBalance ?? record.balance,
  });
  const envelope = { item: 'customer', source: QBD_SYSTEM, sourceId: record.listId, sourceVersion: record.editSequence, observedAt };
  const upsert: Change = { ...envelope, operation: 'upsert', payload: customer };
  if (record.isActive) return [upsert];
  return [upsert, { ...envelope, operation: 'archive', payload: { reason: 'Made inactive in QuickBooks.' } }];
}

/** A customer QuickBooks lists as deleted. */
export function deletedCustomerChange(record: ListDeletedRecord, observedAt: Instant): Change {
  return {
    item: 'customer',
    operation: 'delete',
    source: QBD_SYSTEM,
    sourceId: record.listId,
    observedAt,
    payload: { reason: `Deleted in QuickBooks at ${record.timeDeleted}.`, ...(record.fullName ? { name: record.fullName } : {}) },
  };
}
