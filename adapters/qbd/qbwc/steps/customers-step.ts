import { BUILT_IN_SYNC } from '../../../../core/config/app-config';
import { customerChanges } from '../../mapping/customer-changes';
import type { CustomerRecord } from '../../qbxml/records/customer-record';
import { buildCustomerQuery } from '../../qbxml/requests/list-queries';
import { overlapStart } from './overlap';
import { defineQueryStep } from './query-step';

/** A page's size when no layer of the sync settings sets one (pageSize: see read-sync-block.ts). */
export const CUSTOMER_PAGE_SIZE = BUILT_IN_SYNC.pageSize;

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
  bookmark: {
    decode: (raw) => raw,
    encode: (latest) => latest!,
    // The iteration's own latest starts empty: an iteration that reads nothing writes nothing.
    latestOf: () => undefined,
  },
  // The first read pages through every customer: it goes alone; later reads are a page at most.
  shares: (latest) => latest !== undefined,
  request: ({ requestId, step, bookmark, pageSize }) => {
    const from = overlapStart(bookmark);
    return buildCustomerQuery({ requestId, step, select: { maxReturned: pageSize, activeStatus: 'All', modified: from ? { from } : undefined } });
  },
  idOf: (r) => r.listId,
  toChanges: (record, observedAt) => customerChanges(record, observedAt),
  finish: (_bookmark, seen) => ({ next: seen.latest, done: true }),
});
