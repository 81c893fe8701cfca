import type { Change } from '../../../../core/changes/change';
import { readCursor, writeCursor } from '../../../../core/store/sync-cursors';
import type { Instant } from '../../../../core/values/instant';
import { invoiceChange } from '../../mapping/invoice-changes';
import type { CreditMemoRecord } from '../../qbxml/records/credit-memo-record';
import type { InvoiceRecord } from '../../qbxml/records/invoice-record';
import type { ReceivePaymentRecord } from '../../qbxml/records/receive-payment-record';
import { buildTxnQuery } from '../../qbxml/requests/txn-queries';
import { clearInvoicesToRefresh, invoicesToRefresh } from './invoices-to-refresh';
import { recordApplicationLinks } from '../../store/application-links';
import { laterOf, overlapStart } from './overlap';
import { SessionStep, countOutcomes, statusOf } from './session-step';

const STREAM = 'qbd:invoice-balances';
const IDS_PER_REQUEST = 100;

/**
 * Payments and credit memos applied in QuickBooks change invoices' balances without always
 * touching the invoices' own TimeModified. So: read payments and credits modified since the
 * bookmark, collect the invoices they are applied to, and read those invoices again.
 * Sub-phases: payments -> credits -> invoices (in lots of 100 ids).
 */
export const invoiceBalancesStep: SessionStep = {
  name: 'invoice-balances',
  phase: 'payments and credits',
  async buildRequest({ em, connectionId, requestId, state }) {
    // The first time, the invoices were just read with their balances: start from where that read ended.
    const invoices = await readCursor(em, connectionId, 'qbd:invoices');
    const from = overlapStart((await readCursor(em, connectionId, STREAM)) ?? (invoices ? (JSON.parse(invoices) as { latest?: string }).latest : undefined));
    const modified = from ? { modified: { from } } : {};
    if (!state.phase || state.phase === 'payments') return buildTxnQuery('receivePayment', { requestId, select: modified, includeLineItems: true });
    if (state.phase === 'credits') return buildTxnQuery('creditMemo', { requestId, select: modified, includeLinkedTxns: true });
    const ids: string[] = JSON.parse(state.ids ?? '[]');
    return buildTxnQuery('invoice', { requestId, select: { txnIds: ids.slice(0, IDS_PER_REQUEST) }, includeLineItems: true, includeLinkedTxns: true });
  },
  async handleAnswer({ em, connectionId, requestId, state, now, route }, events) {
    const status = events.find((e) => e.kind === 'status' && e.status.requestId === requestId);
    // An invoice deleted since its payment was read answers 3120 or 500: nothing to refresh there.
    const missing = status?.kind === 'status' && (status.status.meaning.class === 'not-found' || status.status.meaning.class === 'warning');
    if (!missing) statusOf(events, requestId);
    const records = events.flatMap((e) => (e.kind === 'record' ? [e.record] : []));
    const ids = new Set<string>(JSON.parse(state.ids ?? '[]'));
    if (!state.phase) for (const id of await invoicesToRefresh(em, connectionId)) ids.add(id);
    let latest = state.latest;
    const phase = state.phase ?? 'payments';
    if (phase === 'payments' || phase === 'credits') {
      for (const r of records) {
        if (r.type === 'ReceivePaymentRet') (r as ReceivePaymentRecord).appliedTo.filter((a) => a.txnType === 'Invoice').forEach((a) => ids.add(a.txnId));
        if (r.type === 'CreditMemoRet') (r as CreditMemoRecord).linkedTxns.filter((l) => l.txnType === 'Invoice').forEach((l) => ids.add(l.txnId));
        if (r.type === 'ReceivePaymentRet' || r.type === 'CreditMemoRet') latest = laterOf(latest, (r as ReceivePaymentRecord | CreditMemoRecord).timeModified);
      }
      const nextPhase = phase === 'payments' ? 'credits' : 'invoices';
      if (nextPhase === 'invoices' && ids.size === 0) return finish(latest);
      return { done: false, counts: {}, state: { phase: nextPhase, ids: JSON.stringify([...ids]), ...(latest ? { latest } : {}) } };
    }
    const invoices = records.filter((r): r is InvoiceRecord => r.type === 'InvoiceRet');
    await recordApplicationLinks(em, connectionId, invoices);
    const changes: Change[] = invoices.map((r) => invoiceChange(r, now.toISOString() as Instant));
    const outcomes = await route(changes);
    const rest = [...ids].slice(IDS_PER_REQUEST);
    if (rest.length > 0) return { done: false, counts: countOutcomes('invoice balances', outcomes), state: { phase: 'invoices', ids: JSON.stringify(rest), ...(latest ? { latest } : {}) } };
    const finished = await finish(latest);
    return { ...finished, counts: countOutcomes('invoice balances', outcomes) };

    async function finish(value: string | undefined) {
      if (value) await writeCursor(em, connectionId, STREAM, value, now);
      await clearInvoicesToRefresh(em, connectionId, now);
      return { done: true, counts: {} };
    }
  },
};
