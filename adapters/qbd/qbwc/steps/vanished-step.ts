import type { Change } from '../../../../core/changes/change';
import { readBookmark, textBookmark, writeBookmark } from '../../../../core/store/sync-cursors';
import type { Instant } from '../../../../core/values/instant';
import { QBD_SYSTEM } from '../../qbd-system';
import { ID_ONLY_READERS, IdOnlyRecord } from '../../qbxml/records/id-only-record';
import { buildCustomerQuery } from '../../qbxml/requests/list-queries';
import type { QbxmlRequest } from '../../qbxml/requests/qbxml-request';
import type { IteratorStep } from '../../qbxml/requests/query-parts';
import { buildTxnQuery } from '../../qbxml/requests/txn-queries';
import { firstNotedAt, markSeenInScan, takeVanished } from '../../store/presence';
import { SessionStep, StepResult, countOutcomes, statusOf } from './session-step';
import type { StateCodec } from './step-state';

/** How often the scan runs on its own; "sync now" runs it at once. */
export const VANISHED_SCAN_EVERY_DAYS = 7;
/** Ids only, so a page can be large and still small on the wire. */
export const VANISHED_SCAN_PAGE_SIZE = 1000;

interface VanishedFacts {
  readonly name: string;
  readonly item: 'customer' | 'invoice';
  readonly label: string;
  readonly retName: keyof typeof ID_ONLY_READERS;
  request(requestId: string, step: IteratorStep): QbxmlRequest;
}

/** Where a scan stands between its pages: the iterator, and when the scan began (what it marks ids with). */
export interface ScanState {
  readonly iteratorId?: string;
  readonly scanStart?: string;
}

export const SCAN_STATE: StateCodec<ScanState> = {
  decode: ({ iteratorId, scanStart }) => ({ ...(iteratorId ? { iteratorId } : {}), ...(scanStart ? { scanStart } : {}) }),
  encode: ({ iteratorId, scanStart }) => ({ ...(iteratorId ? { iteratorId } : {}), ...(scanStart ? { scanStart } : {}) }),
};

/**
 * QuickBooks' deletion log reaches back about 90 days: a record deleted while no one synced
 * for longer is in no log. This step lists every id QuickBooks still has (IncludeRetElement:
 * the id alone), marks them, and routes a delete for each id seen before the scan began that
 * QuickBooks no longer has. It is planned every VANISHED_SCAN_EVERY_DAYS, or on "sync now"; never
 * for the first sync, which reads everything anyway.
 */
function vanishedStep(facts: VanishedFacts): SessionStep {
  // When the last complete scan began.
  const scannedAt = textBookmark(`qbd:${facts.name}`);
  return {
    name: facts.name,
    phase: 'checking for records deleted long ago',
    retReaders: { [facts.retName]: ID_ONLY_READERS[facts.retName] },
    async isDue({ em, connectionId, now, fullSync }) {
      // Planning writes nothing: before its first scan, the clock starts with the first record
      // noted (the first sync reads everything, so nothing can have vanished before then).
      const last = (await readBookmark(em, connectionId, scannedAt)) ?? (await firstNotedAt(em, connectionId, facts.item));
      if (!last) return false;
      return fullSync || now.getTime() - Date.parse(last) >= VANISHED_SCAN_EVERY_DAYS * 86_400_000;
    },
    buildRequest: ({ requestId, state }) => {
      const { iteratorId } = SCAN_STATE.decode(state);
      return facts.request(requestId, iteratorId ? { iterator: 'Continue', iteratorId } : { iterator: 'Start' });
    },
    async handleAnswer({ em, connectionId, requestId, state, now, route }, events): Promise<StepResult> {
      const status = statusOf(events, requestId);
      if (status.meaning.class === 'bad-iterator') return { done: false, counts: {}, state: {} };
      const scanStart = SCAN_STATE.decode(state).scanStart ?? now.toISOString();
      const ids = events.flatMap((e) => (e.kind === 'record' && e.record.type === 'IdOnly' ? [(e.record as IdOnlyRecord).id] : []));
      await markSeenInScan(em, connectionId, facts.item, ids, new Date(scanStart));
      const checked = { [`${facts.label} checked`]: ids.length };
      if ((status.iteratorRemainingCount ?? 0) > 0 && status.iteratorId)
        return { done: false, counts: checked, state: SCAN_STATE.encode({ iteratorId: status.iteratorId, scanStart }) };
      const gone = await takeVanished(em, connectionId, facts.item, new Date(scanStart));
      const observedAt = now.toISOString() as Instant;
      const changes = gone.map((sourceId): Change => ({
        item: facts.item,
        operation: 'delete',
        source: QBD_SYSTEM,
        sourceId,
        observedAt,
        payload: { reason: 'No longer in QuickBooks (deleted more than 90 days before this check).' },
      }));
      const outcomes = await route(changes);
      await writeBookmark(em, connectionId, scannedAt, scanStart, now);
      return { done: true, counts: { ...checked, ...countOutcomes(`vanished ${facts.label}`, outcomes) } };
    },
  };
}

export const vanishedCustomersStep = vanishedStep({
  name: 'customers-vanished',
  item: 'customer',
  label: 'customers',
  retName: 'CustomerRet',
  request: (requestId, step) =>
    buildCustomerQuery({ requestId, step, select: { maxReturned: VANISHED_SCAN_PAGE_SIZE, activeStatus: 'All' }, includeRetElements: ['ListID'] }),
});

export const vanishedInvoicesStep = vanishedStep({
  name: 'invoices-vanished',
  item: 'invoice',
  label: 'invoices',
  retName: 'InvoiceRet',
  request: (requestId, step) => buildTxnQuery('invoice', { requestId, step, select: { maxReturned: VANISHED_SCAN_PAGE_SIZE }, includeRetElements: ['TxnID'] }),
});
