import type { BookmarkCodec } from '../../../core/store/sync-cursors';
import type { LocalDate } from '../../../core/values/instant';

/**
 * Where a connection's read of QBO stands, kept as one JSON bookmark (sync_cursor `qbo:sync`)
 * and written only in the transaction that stores the page it covers.
 *
 * - `customers`: the first sync pages through every customer, active ones then inactive ones
 *   (a plain query returns active rows only, reference §3).
 * - `invoices`: then invoices by transaction date: the recent window (initialWindowMonths), then
 *   older windows (historyWindowMonths) until two in a row are empty.
 * - `changes`: afterwards, CDC since `since` (QBO's own clock).
 * - `catch-up`: a bookmark older than CDC's 30 days is read again by MetaData.LastUpdatedTime,
 *   entity by entity, up to `until`; deletions in that gap cannot be seen (reference §4).
 *
 * `cdcFrom` is QBO's time when the first sync began: what changed while it read is caught by CDC from there.
 */
export type QboBookmark =
  | { readonly phase: 'customers'; readonly active: boolean; readonly start: number; readonly cdcFrom: string }
  | {
      readonly phase: 'invoices';
      readonly window: 'recent' | 'history';
      readonly from: LocalDate;
      readonly to?: LocalDate;
      readonly start: number;
      /** Invoices found in this window so far; an empty history window counts toward the end. */
      readonly found: number;
      readonly emptyWindows: number;
      readonly cdcFrom: string;
    }
  | { readonly phase: 'changes'; readonly since: string }
  | { readonly phase: 'catch-up'; readonly entity: number; readonly since: string; readonly until: string; readonly start: number };

export const QBO_BOOKMARK: BookmarkCodec<QboBookmark> = {
  stream: 'qbo:sync',
  decode: (raw) => JSON.parse(raw) as QboBookmark,
  encode: (bookmark) => JSON.stringify(bookmark),
};

/** History stops after this many empty windows in a row, or this far back. */
export const EMPTY_WINDOWS_TO_STOP = 2;
export const OLDEST_YEARS = 30;

export function monthsBefore(date: LocalDate, months: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10) as LocalDate;
}

export function dayBefore(date: LocalDate): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) as LocalDate;
}

/** The bookmark after an invoice window was read to its end: the next older window, or CDC. */
export function afterWindow(done: Extract<QboBookmark, { phase: 'invoices' }>, historyMonths: number, today: LocalDate): QboBookmark {
  const empties = done.window === 'history' && done.found === 0 ? done.emptyWindows + 1 : 0;
  const to = dayBefore(done.from);
  const from = monthsBefore(to, historyMonths);
  if (empties >= EMPTY_WINDOWS_TO_STOP || from < monthsBefore(today, OLDEST_YEARS * 12)) return { phase: 'changes', since: done.cdcFrom };
  return { phase: 'invoices', window: 'history', from, to, start: 1, found: 0, emptyWindows: empties, cdcFrom: done.cdcFrom };
}
