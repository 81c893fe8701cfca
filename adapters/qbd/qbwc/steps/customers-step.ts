import { customerChanges } from '../../mapping/customer-changes';
import type { CustomerRecord } from '../../qbxml/records/customer-record';
import { buildCustomerQuery } from '../../qbxml/requests/list-queries';
import { overlapStart } from './overlap';
import { defineQueryStep } from './query-step';
import { MODIFIED_SINCE } from './modified-since';

/**
 * Customers modified since the bookmark (all of them the first time), active and inactive,
 * paged with an iterator. The bookmark is the latest TimeModified read; it moves once the
 * iteration ends, and only when the iteration read something.
 */
export const customersStep = defineQueryStep<CustomerRecord, string | undefined>({
  name: 'customers',
  phase: 'customers',
  stream: 'qbd:customers',
  item: 'customer',
  retType: 'CustomerRet',
  countsAs: 'customers',
  ...MODIFIED_SINCE,
  request: ({ requestId, step, bookmark, pageSize }) => {
    const from = overlapStart(bookmark);
    return buildCustomerQuery({ requestId, step, select: { maxReturned: pageSize, activeStatus: 'All', modified: from ? { from } : undefined } });
  },
  idOf: (r) => r.listId,
  toChanges: (record, observedAt) => customerChanges(record, observedAt),
});
