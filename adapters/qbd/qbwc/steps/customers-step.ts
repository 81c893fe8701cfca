import { customerChanges } from '../../mapping/customer-changes';
import type { CustomerRecord } from '../../qbxml/records/customer-record';
import { buildCustomerQuery } from '../../qbxml/requests/list-queries';
import { overlapStart } from './overlap';
import { defineQueryStep } from './query-step';

/**
 * MaxReturned of each page. The reference advises 100-500 (../shared/reference/qbwc-qbxml.md §9,
 * pitfall 6): each page is one round trip and one transaction, and at 100 that fixed cost was a
 * third of a first sync (benchmark 1: 257 requests for 19,400 invoices, 109 at 250).
 */
export const CUSTOMER_PAGE_SIZE = 250;

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
  request: ({ requestId, step, bookmark }) => {
    const from = overlapStart(bookmark);
    return buildCustomerQuery({ requestId, step, select: { maxReturned: CUSTOMER_PAGE_SIZE, activeStatus: 'All', modified: from ? { from } : undefined } });
  },
  idOf: (r) => r.listId,
  toChanges: (record, observedAt) => customerChanges(record, observedAt),
  finish: (_bookmark, seen) => ({ next: seen.latest, done: true }),
});
