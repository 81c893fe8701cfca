import { readBookmark, textBookmark, writeBookmark } from '../../../../core/store/sync-cursors';
import type { TxnDeletedRecord } from '../../qbxml/records/deleted-records';
import { buildTxnDeletedQuery } from '../../qbxml/requests/deleted-queries';
import { invoicesAppliedBy } from '../../store/application-links';
import { markInvoicesToRefresh } from '../../store/invoices-to-refresh';
import { laterOf, overlapStart } from './overlap';
import { SessionStep, StepResult, statusOf } from './session-step';

/** The latest TimeDeleted of a payment or credit whose invoices are marked, as QuickBooks wrote it. */
const DELETED_UP_TO = textBookmark('qbd:applications-deleted');

/**
 * Payments and credit memos deleted in QuickBooks: their invoices' balances went back up, but
 * nothing modified is left to find. The invoices they were applied to are marked to be read
 * again by the balances step that follows.
 */
export const deletedApplicationsStep: SessionStep = {
  name: 'applications-deleted',
  phase: 'payments and credits',
  shares: () => true,
  async buildRequest({ em, connectionId, requestId }) {
    const from = overlapStart(await readBookmark(em, connectionId, DELETED_UP_TO));
    return buildTxnDeletedQuery({ requestId, types: ['ReceivePayment', 'CreditMemo'], deleted: from ? { from } : undefined });
  },
  async handleAnswer({ em, connectionId, requestId, now }, events): Promise<StepResult> {
    statusOf(events, requestId);
    const deleted = events.flatMap((e) => (e.kind === 'record' && e.record.type === 'TxnDeletedRet' ? [e.record as TxnDeletedRecord] : []));
    const invoices = await invoicesAppliedBy(
      em,
      connectionId,
      deleted.map((d) => d.txnId),
    );
    await markInvoicesToRefresh(em, connectionId, invoices, now);
    const latest = deleted.reduce<string | undefined>((max, d) => laterOf(max, d.timeDeleted), undefined);
    if (latest) await writeBookmark(em, connectionId, DELETED_UP_TO, latest, now);
    return { done: true, counts: invoices.length ? { 'invoices to re-read after deleted payments': invoices.length } : {} };
  },
};
