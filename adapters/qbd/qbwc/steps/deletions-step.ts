import type { Change } from '../../../../core/changes/change';
import { readBookmark, textBookmark, writeBookmark } from '../../../../core/store/sync-cursors';
import type { Instant } from '../../../../core/values/instant';
import { deletedCustomerChange } from '../../mapping/customer-changes';
import { deletedInvoiceChange } from '../../mapping/invoice-changes';
import type { ListDeletedRecord, TxnDeletedRecord } from '../../qbxml/records/deleted-records';
import { buildListDeletedQuery, buildTxnDeletedQuery } from '../../qbxml/requests/deleted-queries';
import { QbxmlRequest } from '../../qbxml/requests/qbxml-request';
import { forgetPresent } from '../../store/presence';
import { laterOf, overlapStart } from './overlap';
import { SessionStep, countOutcomes, statusOf } from './session-step';

interface DeletionFacts<R extends TxnDeletedRecord | ListDeletedRecord> {
  readonly name: string;
  readonly phase: string;
  /** What the summary calls them: `deleted customers`. */
  readonly label: string;
  readonly item: 'customer' | 'invoice';
  readonly retType: R['type'];
  request(requestId: string, from: Instant | undefined): QbxmlRequest;
  toChange(record: R, observedAt: Instant): Change;
}

/**
 * Records deleted since the bookmark, from QuickBooks' deletion log (about 90 days deep, no
 * iterator). The bookmark moves to the latest TimeDeleted, with the changes it covers.
 */
function deletionsStep<R extends TxnDeletedRecord | ListDeletedRecord>(facts: DeletionFacts<R>): SessionStep {
  // The latest TimeDeleted whose deletion is stored, as QuickBooks wrote it.
  const deletedUpTo = textBookmark(`qbd:${facts.name}`);
  return {
    name: facts.name,
    phase: facts.phase,
    shares: () => true,
    buildRequest: async ({ em, connectionId, requestId }) => facts.request(requestId, overlapStart(await readBookmark(em, connectionId, deletedUpTo))),
    async handleAnswer({ em, connectionId, requestId, now, route }, events) {
      statusOf(events, requestId);
      const deleted = events.flatMap((e) => (e.kind === 'record' && e.record.type === facts.retType ? [e.record as R] : []));
      const changes = deleted.map((d) => facts.toChange(d, now.toISOString() as Instant));
      const outcomes = await route(changes);
      await forgetPresent(
        em,
        connectionId,
        facts.item,
        changes.map((c) => c.sourceId),
      );
      const latest = deleted.reduce<string | undefined>((max, d) => laterOf(max, d.timeDeleted), undefined);
      if (latest) await writeBookmark(em, connectionId, deletedUpTo, latest, now);
      return { done: true, counts: countOutcomes(facts.label, outcomes) };
    },
  };
}

export const deletedCustomersStep = deletionsStep<ListDeletedRecord>({
  name: 'customers-deleted',
  phase: 'customers',
  label: 'deleted customers',
  item: 'customer',
  retType: 'ListDeletedRet',
  request: (requestId, from) => buildListDeletedQuery({ requestId, types: ['Customer'], deleted: from ? { from } : undefined }),
  toChange: deletedCustomerChange,
});

export const deletedInvoicesStep = deletionsStep<TxnDeletedRecord>({
  name: 'invoices-deleted',
  phase: 'invoices',
  label: 'deleted invoices',
  item: 'invoice',
  retType: 'TxnDeletedRet',
  request: (requestId, from) => buildTxnDeletedQuery({ requestId, types: ['Invoice'], deleted: from ? { from } : undefined }),
  toChange: deletedInvoiceChange,
});
