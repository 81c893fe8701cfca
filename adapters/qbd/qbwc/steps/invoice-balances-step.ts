import type { Change } from '../../../../core/changes/change';
import { readCursor } from '../../../../core/store/sync-cursors';
import type { Instant } from '../../../../core/values/instant';
import { invoiceChange } from '../../mapping/invoice-changes';
import type { CreditMemoRecord } from '../../qbxml/records/credit-memo-record';
import type { InvoiceRecord } from '../../qbxml/records/invoice-record';
import { settleLostAdds } from './lost-adds';
import type { ReceivePaymentRecord } from '../../qbxml/records/receive-payment-record';
import { buildTxnQuery } from '../../qbxml/requests/txn-queries';
import { clearInvoicesToRefresh, invoicesToRefresh } from './invoices-to-refresh';
import { recordApplicationLinks } from '../../store/application-links';
import { overlapStart } from './overlap';
import { BalancesBookmark, nextBalancesBookmark, readBalancesBookmark, unseenRecords, writeBalancesBookmark } from './balances-bookmark';
import { RequestContext, SessionStep, countOutcomes, statusOf } from './session-step';

const IDS_PER_REQUEST = 100;

/** Where the payments and credits read starts: its own bookmark, or the first time where the read of the invoices ended. */
async function startingPoint(em: RequestContext['em'], connectionId: string): Promise<{ bookmark?: BalancesBookmark; from?: string }> {
  const bookmark = await readBalancesBookmark(em, connectionId);
  if (bookmark) return { bookmark, from: bookmark.latest };
  const invoices = await readCursor(em, connectionId, 'qbd:invoices');
  return { from: invoices ? (JSON.parse(invoices) as { latest?: string }).latest : undefined };
}

const paymentsId = (requestId: string) => `${requestId}.p`;
const creditsId = (requestId: string) => `${requestId}.c`;

/**
 * Payments and credit memos applied in QuickBooks change invoices' balances without always
 * touching the invoices' own TimeModified. So: read payments and credits modified since the
 * bookmark (both in one message set), collect the invoices that new or changed ones are applied
 * to, and read those invoices again, in lots of 100 ids.
 */
export const invoiceBalancesStep: SessionStep = {
  name: 'invoice-balances',
  phase: 'payments and credits',
  // The first time, the read starts where this session's read of the invoices ends: it must wait for it.
  shares: async ({ em, connectionId, state }) => !state.phase && (await readBalancesBookmark(em, connectionId)) !== undefined,
  async buildRequest({ em, connectionId, requestId, state }) {
    if (state.phase === 'invoices') {
      const ids: string[] = JSON.parse(state.ids ?? '[]');
      return buildTxnQuery('invoice', { requestId, select: { txnIds: ids.slice(0, IDS_PER_REQUEST) }, includeLineItems: true, includeLinkedTxns: true });
    }
    const from = overlapStart((await startingPoint(em, connectionId)).from);
    const select = from ? { modified: { from } } : {};
    return [
      buildTxnQuery('receivePayment', { requestId: paymentsId(requestId), select, includeLineItems: true }),
      buildTxnQuery('creditMemo', { requestId: creditsId(requestId), select, includeLinkedTxns: true }),
    ];
  },
  async handleAnswer({ em, connectionId, requestId, state, now, route }, events) {
    const records = events.flatMap((e) => (e.kind === 'record' ? [e.record] : []));
    if (state.phase !== 'invoices') {
      statusOf(events, paymentsId(requestId));
      statusOf(events, creditsId(requestId));
      const payments = records.filter((r): r is ReceivePaymentRecord => r.type === 'ReceivePaymentRet');
      const credits = records.filter((r): r is CreditMemoRecord => r.type === 'CreditMemoRet');
      const { bookmark, from } = await startingPoint(em, connectionId);
      const ids = new Set(await invoicesToRefresh(em, connectionId));
      for (const p of unseenRecords(bookmark, payments)) p.appliedTo.filter((a) => a.txnType === 'Invoice').forEach((a) => ids.add(a.txnId));
      for (const c of unseenRecords(bookmark, credits)) c.linkedTxns.filter((l) => l.txnType === 'Invoice').forEach((l) => ids.add(l.txnId));
      const next = nextBalancesBookmark(from, [...payments, ...credits]);
      if (ids.size === 0) return finish(next);
      return { done: false, counts: {}, state: { phase: 'invoices', ids: JSON.stringify([...ids]), ...(next ? { bookmark: JSON.stringify(next) } : {}) } };
    }
    const status = events.find((e) => e.kind === 'status' && e.status.requestId === requestId);
    // An invoice deleted since its payment was read answers 3120 or 500: nothing to refresh there.
    const missing = status?.kind === 'status' && (status.status.meaning.class === 'not-found' || status.status.meaning.class === 'warning');
    if (!missing) statusOf(events, requestId);
    const invoices = records.filter((r): r is InvoiceRecord => r.type === 'InvoiceRet');
    await settleLostAdds(
      em,
      connectionId,
      'invoice',
      invoices.map((r) => ({ id: r.txnId, externalGuid: r.externalGuid })),
      now,
    );
    await recordApplicationLinks(em, connectionId, invoices);
    const changes: Change[] = invoices.map((r) => invoiceChange(r, now.toISOString() as Instant));
    const outcomes = await route(changes);
    const rest = (JSON.parse(state.ids ?? '[]') as string[]).slice(IDS_PER_REQUEST);
    if (rest.length > 0) return { done: false, counts: countOutcomes('invoice balances', outcomes), state: { ...state, ids: JSON.stringify(rest) } };
    const finished = await finish(state.bookmark ? (JSON.parse(state.bookmark) as BalancesBookmark) : undefined);
    return { ...finished, counts: countOutcomes('invoice balances', outcomes) };

    async function finish(bookmark: BalancesBookmark | undefined) {
      if (bookmark) await writeBalancesBookmark(em, connectionId, bookmark, now);
      await clearInvoicesToRefresh(em, connectionId, now);
      return { done: true, counts: {} };
    }
  },
};
