import type { Change } from '../../../../core/changes/change';
import type { Instant } from '../../../../core/values/instant';
import { invoiceChange } from '../../mapping/invoice-changes';
import type { CreditMemoRecord } from '../../qbxml/records/credit-memo-record';
import type { InvoiceRecord } from '../../qbxml/records/invoice-record';
import type { ReceivePaymentRecord } from '../../qbxml/records/receive-payment-record';
import { buildTxnQuery } from '../../qbxml/requests/txn-queries';
import { recordApplicationLinks } from '../../store/application-links';
import { BALANCES_BOOKMARK, BalancesBookmark, nextBalancesBookmark, readBalancesBookmark, unseenRecords, writeBalancesBookmark } from './balances-bookmark';
import { forgetInvoicesRefreshed, invoicesToRefresh } from '../../store/invoices-to-refresh';
import { invoicesReadUpTo } from './invoices-step';
import { settleLostAdds } from './lost-adds';
import { overlapStart } from './overlap';
import { RequestContext, SessionStep, StepResult, countOutcomes, statusOf } from './session-step';
import type { StateCodec } from './step-state';

const IDS_PER_REQUEST = 100;

/** Where the step stands within a session: reading payments and credits, or the invoices they name. */
export type BalancesState = { readonly phase: 'payments' } | { readonly phase: 'invoices'; readonly ids: readonly string[]; readonly next?: BalancesBookmark };

/** Kept under the keys sessions already hold (`phase`, `ids`, `bookmark`), so a session under way reads on. */
export const BALANCES_STATE: StateCodec<BalancesState> = {
  decode: (state) =>
    state.phase === 'invoices'
      ? { phase: 'invoices', ids: JSON.parse(state.ids ?? '[]') as string[], ...(state.bookmark ? { next: BALANCES_BOOKMARK.decode(state.bookmark) } : {}) }
      : { phase: 'payments' },
  encode: (state) =>
    state.phase === 'payments'
      ? {}
      : { phase: 'invoices', ids: JSON.stringify(state.ids), ...(state.next ? { bookmark: BALANCES_BOOKMARK.encode(state.next) } : {}) },
};

/**
 * Where the payments and credits read starts: its own bookmark, or the first time where the
 * read of the invoices ended. It depends on the invoices step for that first start: a payment
 * older than the invoices read was already counted in their balances, and reading every payment
 * ever made would cost a first sync as much again.
 */
async function startingPoint(em: RequestContext['em'], connectionId: string): Promise<{ bookmark?: BalancesBookmark; from?: string }> {
  const bookmark = await readBalancesBookmark(em, connectionId);
  if (bookmark) return { bookmark, from: bookmark.latest };
  return { from: await invoicesReadUpTo(em, connectionId) };
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
  shares: async ({ em, connectionId, state }) =>
    BALANCES_STATE.decode(state).phase === 'payments' && (await readBalancesBookmark(em, connectionId)) !== undefined,
  async buildRequest({ em, connectionId, requestId, state }) {
    const at = BALANCES_STATE.decode(state);
    if (at.phase === 'invoices') {
      return buildTxnQuery('invoice', { requestId, select: { txnIds: at.ids.slice(0, IDS_PER_REQUEST) }, includeLineItems: true, includeLinkedTxns: true });
    }
    const from = overlapStart((await startingPoint(em, connectionId)).from);
    const select = from ? { modified: { from } } : {};
    return [
      buildTxnQuery('receivePayment', { requestId: paymentsId(requestId), select, includeLineItems: true }),
      buildTxnQuery('creditMemo', { requestId: creditsId(requestId), select, includeLinkedTxns: true }),
    ];
  },
  async handleAnswer({ em, connectionId, requestId, state, now, route }, events): Promise<StepResult> {
    const at = BALANCES_STATE.decode(state);
    const records = events.flatMap((e) => (e.kind === 'record' ? [e.record] : []));
    if (at.phase === 'payments') {
      statusOf(events, paymentsId(requestId));
      statusOf(events, creditsId(requestId));
      const payments = records.filter((r): r is ReceivePaymentRecord => r.type === 'ReceivePaymentRet');
      const credits = records.filter((r): r is CreditMemoRecord => r.type === 'CreditMemoRet');
      const { bookmark, from } = await startingPoint(em, connectionId);
      const ids = new Set(await invoicesToRefresh(em, connectionId));
      for (const p of unseenRecords(bookmark, payments)) p.appliedTo.filter((a) => a.txnType === 'Invoice').forEach((a) => ids.add(a.txnId));
      for (const c of unseenRecords(bookmark, credits)) c.linkedTxns.filter((l) => l.txnType === 'Invoice').forEach((l) => ids.add(l.txnId));
      const next = nextBalancesBookmark(from, [...payments, ...credits]);
      if (ids.size === 0) {
        if (next) await writeBalancesBookmark(em, connectionId, next, now);
        return { done: true, counts: {} };
      }
      return { done: false, counts: {}, state: BALANCES_STATE.encode({ phase: 'invoices', ids: [...ids], ...(next ? { next } : {}) }) };
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
    const counts = countOutcomes('invoice balances', await route(changes));
    // The lot is read: its ids leave the set with the invoices stored, and only they do.
    await forgetInvoicesRefreshed(em, connectionId, at.ids.slice(0, IDS_PER_REQUEST));
    const rest = at.ids.slice(IDS_PER_REQUEST);
    if (rest.length > 0) return { done: false, counts, state: BALANCES_STATE.encode({ ...at, ids: rest }) };
    if (at.next) await writeBalancesBookmark(em, connectionId, at.next, now);
    return { done: true, counts };
  },
};
