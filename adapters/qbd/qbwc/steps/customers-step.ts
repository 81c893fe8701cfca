import type { Change } from '../../../../core/changes/change';
import { AppError } from '../../../../core/errors/app-error';
import type { RoutedOutcome } from '../../../../core/pipeline/flow-decision';
import { readCursor, writeCursor } from '../../../../core/store/sync-cursors';
import type { Instant } from '../../../../core/values/instant';
import { customerChanges } from '../../mapping/customer-changes';
import type { CustomerRecord } from '../../qbxml/records/customer-record';
import { settleLostAdds } from './lost-adds';
import { buildCustomerQuery } from '../../qbxml/requests/list-queries';
import { notePresent } from '../../store/presence';
import { laterOf, overlapStart } from './overlap';
import { SessionStep, countOutcomes, statusOf, unreadableRecord } from './session-step';

const STREAM = 'qbd:customers';
/**
 * MaxReturned of each page. The reference advises 100-500 (§ pitfalls 6): each page is one
 * round trip and one transaction, and at 100 that fixed cost was a third of a first sync
 * (benchmark 1: 257 requests for 19,400 invoices, 109 at 250); 250 keeps a page of invoices
 * with their lines under half a megabyte, which QuickBooks builds in seconds.
 */
export const CUSTOMER_PAGE_SIZE = 250;

/**
 * Customers modified since the bookmark (all of them the first time), active and inactive,
 * paged with an iterator. The bookmark moves once the iteration ends, in the transaction that
 * stores the last page, to the latest TimeModified seen.
 */
export const customersStep: SessionStep = {
  name: 'customers',
  phase: 'customers',
  // The first read pages through every customer: it goes alone; later reads are a page at most.
  shares: async ({ em, connectionId }) => (await readCursor(em, connectionId, STREAM)) !== undefined,
  async buildRequest({ em, connectionId, requestId, state }) {
    const from = overlapStart(await readCursor(em, connectionId, STREAM));
    const select = { maxReturned: CUSTOMER_PAGE_SIZE, activeStatus: 'All' as const, modified: from ? { from } : undefined };
    const step = state.iteratorId ? { iterator: 'Continue' as const, iteratorId: state.iteratorId } : { iterator: 'Start' as const };
    return buildCustomerQuery({ requestId, step, select });
  },
  async handleAnswer({ em, connectionId, requestId, state, now, route, logUnreadable }, events) {
    const status = statusOf(events, requestId);
    // The iterator died with an earlier QuickBooks session: start the query again.
    if (status.meaning.class === 'bad-iterator') return { done: false, counts: {}, state: {} };
    const observedAt = now.toISOString() as Instant;
    const changes: Change[] = [];
    const failed: RoutedOutcome[] = [];
    let latest = state.latest;
    for (const e of events) {
      if (e.kind === 'bad-record') failed.push(unreadableRecord('customer', e.id ?? e.retName, e.error.userMessage, now));
      if (e.kind !== 'record' || e.record.type !== 'CustomerRet') continue;
      const record = e.record as CustomerRecord;
      latest = laterOf(latest, record.timeModified);
      try {
        changes.push(...customerChanges(record, observedAt));
      } catch (error) {
        failed.push(unreadableRecord('customer', record.listId, AppError.from(error).userMessage, now));
      }
    }
    await logUnreadable(failed);
    const read = events.flatMap((e) => (e.kind === 'record' && e.record.type === 'CustomerRet' ? [e.record as CustomerRecord] : []));
    await settleLostAdds(
      em,
      connectionId,
      'customer',
      read.map((r) => ({ id: r.listId, externalGuid: r.externalGuid })),
      now,
    );
    const outcomes = [...failed, ...(await route(changes))];
    await notePresent(
      em,
      connectionId,
      'customer',
      read.map((r) => r.listId),
      now,
    );
    const remaining = status.iteratorRemainingCount ?? 0;
    if (remaining > 0 && status.iteratorId)
      return { done: false, counts: countOutcomes('customers', outcomes), state: { iteratorId: status.iteratorId, ...(latest ? { latest } : {}) } };
    if (latest) await writeCursor(em, connectionId, STREAM, latest, now);
    return { done: true, counts: countOutcomes('customers', outcomes) };
  },
};
