import type { EntityManager } from '@mikro-orm/postgresql';
import { BookmarkCodec, readBookmark } from '../../../../core/store/sync-cursors';
import type { LocalDate } from '../../../../core/values/instant';
import { invoiceChange } from '../../mapping/invoice-changes';
import type { InvoiceRecord } from '../../qbxml/records/invoice-record';
import { buildTxnQuery } from '../../qbxml/requests/txn-queries';
import { recordApplicationLinks } from '../../store/application-links';
import { InvoiceBookmark, firstBookmark, nextBookmark, phaseLabel } from './invoice-windows';
import { overlapStart } from './overlap';
import { defineQueryStep } from './query-step';

const todayOf = (now: Date) => now.toISOString().slice(0, 10) as LocalDate;

/** Where the invoice read stands (invoice-windows.ts), kept as JSON. */
export const INVOICE_BOOKMARK: BookmarkCodec<InvoiceBookmark> = {
  stream: 'qbd:invoices',
  decode: (raw) => JSON.parse(raw) as InvoiceBookmark,
  encode: (bookmark) => JSON.stringify(bookmark),
};

/**
 * The latest TimeModified the stored invoices cover (undefined before any was stored): what
 * this step shares with the steps that must start where its read ended (invoice-balances-step.ts).
 */
export async function invoicesReadUpTo(em: EntityManager, connectionId: string): Promise<string | undefined> {
  return (await readBookmark(em, connectionId, INVOICE_BOOKMARK))?.latest;
}

/**
 * Invoices with their lines and linked payments: the recent window, then history, then what
 * changed since the bookmark. Each finished window moves the bookmark in the transaction that
 * stores its last page; a session cut mid-window reads that window again next time, and repeats
 * are skipped by EditSequence.
 */
export const invoicesStep = defineQueryStep<InvoiceRecord, InvoiceBookmark>({
  name: 'invoices',
  phase: 'invoices',
  stream: INVOICE_BOOKMARK.stream,
  item: 'invoice',
  retType: 'InvoiceRet',
  countsAs: 'invoices',
  bookmark: {
    // Before its first window is read, a connection's bookmark is the recent window its settings ask for.
    decode: (raw, { now, sync }) => (raw ? INVOICE_BOOKMARK.decode(raw) : firstBookmark(todayOf(now), sync.initialWindowMonths)),
    encode: INVOICE_BOOKMARK.encode,
    latestOf: (bookmark) => bookmark.latest,
  },
  // The first sync's windows page through years of invoices: they go alone.
  shares: (bookmark) => bookmark.phase === 'incremental',
  request: ({ requestId, step, bookmark, pageSize }) => {
    const from = overlapStart(bookmark.latest);
    const select =
      bookmark.phase === 'incremental'
        ? { maxReturned: pageSize, modified: from ? { from } : undefined }
        : { maxReturned: pageSize, txnDate: { from: bookmark.from, to: bookmark.to } };
    return buildTxnQuery('invoice', { requestId, step, select, includeLineItems: true, includeLinkedTxns: true });
  },
  idOf: (r) => r.txnId,
  toChanges: (record, observedAt) => [invoiceChange(record, observedAt)],
  afterPage: ({ em, connectionId }, records) => recordApplicationLinks(em, connectionId, records),
  progressOf: (bookmark, found, remaining, { sync }) => ({
    phase: phaseLabel(bookmark, sync.initialWindowMonths),
    percent: found + remaining === 0 ? 100 : Math.floor((100 * found) / (found + remaining)),
  }),
  finish: (bookmark, seen, { now, sync }) => {
    const latest = seen.latest;
    const next =
      bookmark.phase === 'incremental' ? { ...bookmark, latest } : nextBookmark({ ...bookmark, latest }, seen.found, sync.historyWindowMonths, todayOf(now));
    // A finished window of the first sync goes on to the next window in this same session.
    const done = bookmark.phase === 'incremental' || next.phase === 'incremental';
    return { next, done, progress: { phase: phaseLabel(next, sync.initialWindowMonths), percent: done ? 100 : 0 } };
  },
});
