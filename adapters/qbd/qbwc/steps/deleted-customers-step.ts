import { readCursor, writeCursor } from '../../../../core/store/sync-cursors';
import type { Instant } from '../../../../core/values/instant';
import { deletedCustomerChange } from '../../mapping/customer-changes';
import type { ListDeletedRecord } from '../../qbxml/records/deleted-records';
import { buildListDeletedQuery } from '../../qbxml/requests/deleted-queries';
import { laterOf, overlapStart } from './overlap';
import { SessionStep, countOutcomes, statusOf } from './session-step';

const STREAM = 'qbd:customers-deleted';

/** Customers deleted since the bookmark (QuickBooks remembers deletions for about 90 days). */
export const deletedCustomersStep: SessionStep = {
  name: 'customers-deleted',
  phase: 'customers',
  async buildRequest({ em, connectionId, requestId }) {
    const from = overlapStart(await readCursor(em, connectionId, STREAM));
    return buildListDeletedQuery({ requestId, types: ['Customer'], deleted: from ? { from } : undefined });
  },
  async handleAnswer({ em, connectionId, requestId, now, route }, events) {
    statusOf(events, requestId);
    const deleted = events.flatMap((e) => (e.kind === 'record' && e.record.type === 'ListDeletedRet' ? [e.record as ListDeletedRecord] : []));
    const outcomes = await route(deleted.map((d) => deletedCustomerChange(d, now.toISOString() as Instant)));
    const latest = deleted.reduce<string | undefined>((max, d) => laterOf(max, d.timeDeleted), undefined);
    if (latest) await writeCursor(em, connectionId, STREAM, latest, now);
    return { done: true, counts: countOutcomes('deleted customers', outcomes) };
  },
};
