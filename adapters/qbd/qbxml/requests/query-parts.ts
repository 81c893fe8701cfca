import { AppError } from '../../../../core/errors/app-error';
import { Instant, LocalDate } from '../../../../core/values/instant';
import { qbDateTime } from './qb-datetime';
import { QbxmlVersion } from './qbxml-version';
import { newerVersion } from './qbxml-request';
import { Attributes, QbxmlWriter } from './qbxml-writer';

/** Paging with an iterator: Start a query, Continue it with the id QuickBooks gave, or Stop it. */
export type IteratorStep = { readonly iterator: 'Start' } | { readonly iterator: 'Continue' | 'Stop'; readonly iteratorId: string };

export interface RetTrim {
  /** Only these Ret children come back (cheap id-only scans); each name at most 50 characters. */
  readonly includeRetElements?: readonly string[];
}

export interface Range<T> {
  readonly from?: T;
  readonly to?: T;
}

/** The attributes of a query request, and the version its paging needs (iterators came in 5.0). */
export function queryAttributes(requestId: string, step: IteratorStep | undefined): { attributes: Attributes; minVersion: QbxmlVersion } {
  if (!step) return { attributes: { requestID: requestId }, minVersion: '1.0' };
  const iteratorId = step.iterator === 'Start' ? undefined : step.iteratorId;
  if (step.iterator !== 'Start' && !iteratorId) throw new AppError('invalid', `iterator="${step.iterator}" needs the iteratorID QuickBooks returned.`);
  return { attributes: { requestID: requestId, iterator: step.iterator, iteratorID: iteratorId }, minVersion: '5.0' };
}

export function checkMaxReturned(maxReturned: number | undefined): number | undefined {
  if (maxReturned !== undefined && (!Number.isSafeInteger(maxReturned) || maxReturned < 1)) {
    throw new AppError('invalid', 'MaxReturned must be a whole number of at least 1.');
  }
  return maxReturned;
}

/** IncludeRetElement* (qbXML 4.0). */
export function writeRetTrim(w: QbxmlWriter, trim: RetTrim, version: QbxmlVersion): QbxmlVersion {
  const names = trim.includeRetElements ?? [];
  for (const name of names) {
    if (!/^[A-Za-z][A-Za-z0-9]{0,49}$/.test(name)) throw new AppError('invalid', `"${name}" is not an element name IncludeRetElement can take.`);
  }
  w.each('IncludeRetElement', names);
  return names.length > 0 ? newerVersion(version, '4.0') : version;
}

export function checkRange<T extends string>(range: Range<T> | undefined, what: string, order: (v: T) => number): void {
  if (range?.from !== undefined && range.to !== undefined && order(range.from) > order(range.to)) {
    throw new AppError('invalid', `The ${what} range starts after it ends.`);
  }
}

/** Modified-date bounds as DATETIMETYPE text, checked for order. */
export function modifiedRange(range: Range<Instant> | undefined): Range<string> | undefined {
  if (!range) return undefined;
  checkRange(range, 'modified-date', (v) => Date.parse(v));
  return { from: range.from && qbDateTime(range.from), to: range.to && qbDateTime(range.to) };
}

export function dateRange(range: Range<LocalDate> | undefined, what: string): Range<LocalDate> | undefined {
  checkRange(range, what, (v) => Date.parse(v));
  return range;
}

/** A `…Ref` aggregate: ListID when known (it wins over FullName anyway), else FullName. */
export interface RefInput {
  readonly listId?: string;
  readonly fullName?: string;
}

export function writeRef(w: QbxmlWriter, name: string, ref: RefInput | undefined, fullNameMax = 209): void {
  if (!ref) return;
  if (!ref.listId && !ref.fullName) throw new AppError('invalid', `${name} needs a ListID or a FullName.`);
  if (ref.listId && !/^[^\s]{1,36}$/.test(ref.listId)) throw new AppError('invalid', `${name}/ListID is not a QuickBooks id.`);
  if (!ref.listId && ref.fullName!.length > fullNameMax) throw new AppError('invalid', `${name}/FullName is longer than ${fullNameMax} characters.`);
  w.open(name);
  if (ref.listId) w.el('ListID', ref.listId);
  else w.el('FullName', ref.fullName);
  w.close(name);
}

/** QuickBooks ids (TxnID, ListID) are at most 36 characters of IDTYPE. */
export function checkIds(ids: readonly string[], what: string): readonly string[] {
  if (ids.length === 0) throw new AppError('invalid', `Give at least one ${what}.`);
  for (const id of ids) if (!/^[^\s]{1,36}$/.test(id)) throw new AppError('invalid', `"${id}" is not a QuickBooks ${what}.`);
  return ids;
}
