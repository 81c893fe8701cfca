import { AppError } from '../../../../core/errors/app-error';
import type { RoutedOutcome } from '../../../../core/pipeline/flow-decision';
import { readCursor, writeCursor } from '../../../../core/store/sync-cursors';
import type { Instant, LocalDate } from '../../../../core/values/instant';
import { invoiceChange } from '../../mapping/invoice-changes';
import type { InvoiceRecord } from '../../qbxml/records/invoice-record';
import { settleLostAdds } from './lost-adds';
import { buildTxnQuery } from '../../qbxml/requests/txn-queries';
import { InvoiceBookmark, firstBookmark, nextBookmark, phaseLabel } from './invoice-windows';
import { recordApplicationLinks } from '../../store/application-links';
import { laterOf, overlapStart } from './overlap';
import { notePresent } from '../../store/presence';
import { RequestContext, SessionStep, countOutcomes, statusOf, unreadableRecord } from './session-step';

const STREAM = 'qbd:invoices';
/**
 * MaxReturned of each page. The reference advises 100-500 (§ pitfalls 6): each page is one
 * round trip and one transaction, and at 100 that fixed cost was a third of a first sync
 * (benchmark 1: 257 requests for 19,400 invoices, 109 at 250); 250 keeps a page of invoices
 * with their lines under half a megabyte, which QuickBooks builds in seconds.
 */
export const INVOICE_PAGE_SIZE = 250;

const todayOf = (now: Date) => now.toISOString().slice(0, 10) as LocalDate;

/** Before its first window is read, a connection's bookmark is the recent window its settings ask for. */
async function bookmarkOf({ em, connectionId, now, sync }: RequestContext): Promise<InvoiceBookmark> {
  const raw = await readCursor(em, connectionId, STREAM);
  return raw ? (JSON.parse(raw) as InvoiceBookmark) : firstBookmark(todayOf(now), sync.initialWindowMonths);
}

/**
 * Invoices with their lines and linked payments: the recent window, then history, then
 * what changed since the bookmark. Each page is stored with the session's progress; each
 * finished window moves the bookmark in the same transaction. A session cut mid-window reads
 * that window again next time, and repeats are skipped by EditSequence.
 */
export const invoicesStep: SessionStep = {
  name: 'invoices',
  phase: 'invoices',
  // The first sync's windows page through years of invoices: they go alone.
  shares: async (context) => (await bookmarkOf(context)).phase === 'incremental',
  async buildRequest(context) {
    const { requestId, state } = context;
    const bookmark = await bookmarkOf(context);
    const step = state.iteratorId ? { iterator: 'Continue' as const, iteratorId: state.iteratorId } : { iterator: 'Start' as const };
    const from = overlapStart(bookmark.latest);
    const select =
      bookmark.phase === 'incremental'
        ? { maxReturned: INVOICE_PAGE_SIZE, modified: from ? { from } : undefined }
        : { maxReturned: INVOICE_PAGE_SIZE, txnDate: { from: bookmark.from, to: bookmark.to } };
    return buildTxnQuery('invoice', { requestId, step, select, includeLineItems: true, includeLinkedTxns: true });
  },
  async handleAnswer(context, events) {
    const { em, connectionId, requestId, state, now, sync, route, logUnreadable } = context;
    const status = statusOf(events, requestId);
    if (status.meaning.class === 'bad-iterator') return { done: false, counts: {}, state: {} };
    const bookmark = await bookmarkOf(context);
    const outcomes: RoutedOutcome[] = [];
    const changes = [];
    let latest = state.latest ?? bookmark.latest;
    let found = Number(state.found ?? 0);
    for (const e of events) {
      if (e.kind === 'bad-record') outcomes.push(unreadableRecord('invoice', e.id ?? e.retName, e.error.userMessage, now));
      if (e.kind !== 'record' || e.record.type !== 'InvoiceRet') continue;
      const record = e.record as InvoiceRecord;
      found++;
      latest = laterOf(latest, record.timeModified);
      try {
        changes.push(invoiceChange(record, now.toISOString() as Instant));
      } catch (error) {
        outcomes.push(unreadableRecord('invoice', record.txnId, AppError.from(error).userMessage, now));
      }
    }
    await logUnreadable(outcomes);
    const read = events.flatMap((e) => (e.kind === 'record' && e.record.type === 'InvoiceRet' ? [e.record as InvoiceRecord] : []));
    await settleLostAdds(
      em,
      connectionId,
      'invoice',
      read.map((r) => ({ id: r.txnId, externalGuid: r.externalGuid })),
      now,
    );
    outcomes.push(...(await route(changes)));
    await recordApplicationLinks(em, connectionId, read);
    await notePresent(
      em,
      connectionId,
      'invoice',
      read.map((r) => r.txnId),
      now,
    );
    const counts = countOutcomes('invoices', outcomes);
    const remaining = status.iteratorRemainingCount ?? 0;
    const progress = {
      phase: phaseLabel(bookmark, sync.initialWindowMonths),
      percent: found + remaining === 0 ? 100 : Math.floor((100 * found) / (found + remaining)),
    };
    if (remaining > 0 && status.iteratorId) {
      return { done: false, counts, progress, state: { iteratorId: status.iteratorId, found: String(found), ...(latest ? { latest } : {}) } };
    }
    const next =
      bookmark.phase === 'incremental' ? { ...bookmark, latest } : nextBookmark({ ...bookmark, latest }, found, sync.historyWindowMonths, todayOf(now));
    await writeCursor(em, connectionId, STREAM, JSON.stringify(next), now);
    // A finished window of the first sync goes on to the next window in this same session.
    const done = bookmark.phase === 'incremental' || next.phase === 'incremental';
    return { done, counts, progress: { phase: phaseLabel(next, sync.initialWindowMonths), percent: done ? 100 : 0 } };
  },
};
