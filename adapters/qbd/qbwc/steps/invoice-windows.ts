import type { LocalDate } from '../../../../core/values/instant';

/**
 * Where the invoice read stands, kept as the `qbd:invoices` bookmark (JSON) and moved only in
 * the transaction that stores the invoices it covers. First the recent window (the last N
 * months by transaction date), then older windows one after another, then incremental reads
 * by TimeModified.
 */
export interface InvoiceBookmark {
  readonly phase: 'recent' | 'history' | 'incremental';
  /** The transaction-date window being read (recent and history phases). */
  readonly from?: LocalDate;
  readonly to?: LocalDate;
  /** History windows in a row that held nothing; two end the history. */
  readonly emptyWindows?: number;
  /** The latest TimeModified seen so far, as QuickBooks wrote it. */
  readonly latest?: string;
}

/** History stops after this many empty windows in a row, or at this many years back. */
export const EMPTY_WINDOWS_TO_STOP = 2;
export const OLDEST_YEARS = 30;

function monthsBefore(date: LocalDate, months: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10) as LocalDate;
}

function dayBefore(date: LocalDate): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) as LocalDate;
}

export function firstBookmark(today: LocalDate, recentMonths: number): InvoiceBookmark {
  return { phase: 'recent', from: monthsBefore(today, recentMonths) };
}

/** The bookmark after a window is read completely. */
export function nextBookmark(done: InvoiceBookmark, found: number, historyMonths: number, today: LocalDate): InvoiceBookmark {
  if (done.phase === 'incremental') return done;
  const empties = done.phase === 'history' && found === 0 ? (done.emptyWindows ?? 0) + 1 : 0;
  const to = dayBefore(done.from!);
  const from = monthsBefore(to, historyMonths);
  const tooOld = from < monthsBefore(today, OLDEST_YEARS * 12);
  if (empties >= EMPTY_WINDOWS_TO_STOP || tooOld) return { phase: 'incremental', latest: done.latest };
  return { phase: 'history', from, to, emptyWindows: empties, latest: done.latest };
}

/** What the partner sees as the progress phase; the recent window is named by its size (initialWindowMonths). */
export function phaseLabel(bookmark: InvoiceBookmark, recentMonths: number): string {
  if (bookmark.phase === 'recent') return recentMonths === 1 ? 'last month' : `last ${recentMonths} months`;
  return bookmark.phase === 'history' ? 'history' : 'up to date';
}
