import { RetWriter, escapeXml, responseLines } from './answer-writer';
import { QuickBooksCompany } from './quickbooks-company';
import { RequestNode, child, text, texts } from './request-node';
import { RetDetail } from './ret-writers';
import { SimSession } from './sim-session';
import { SimStatusError, notFound } from './sim-status-error';

export interface QueryContext {
  readonly company: QuickBooksCompany;
  readonly session: SimSession;
}

/** The facts of one query, as data: where its records are and how they are filtered and written. */
export interface QuerySpec<T> {
  readonly rsName: string;
  readonly kind: 'list' | 'txn';
  all(company: QuickBooksCompany): T[];
  /** One record by its id, without listing them all (pages of a large iterator stay cheap). */
  byId(company: QuickBooksCompany, id: string): T | undefined;
  idOf(record: T): string;
  /** What an exact-id lookup (ListID / TxnID) and a name lookup (FullName / RefNumber) match. */
  nameOf(record: T): string | undefined;
  modified(record: T): Date;
  txnDate?(record: T): string;
  customerId?(record: T): string;
  isActive?(record: T): boolean;
  /** Extra filters only this query has (PaidStatus, AccountType). */
  extraFilter?(rq: RequestNode, company: QuickBooksCompany): (record: T) => boolean;
  write(company: QuickBooksCompany, record: T, detail: RetDetail): RetWriter;
}

/** The answer's status when a query matched nothing (status 1: not an error). */
export const NO_MATCH = 'A query request did not find a matching object in QuickBooks';

export function instantOf(company: QuickBooksCompany, value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = company.clock.parse(value);
  if (!date) throw new SimStatusError(3020, `There was an error when converting the date value "${value}" in the field "${field}".`);
  return date;
}

/**
 * The instant QuickBooks compares a record's TimeModified by. With the DST bug on, QuickBooks
 * compares the wall time it wrote with the wrong (standard) offset, so records move an hour
 * during daylight-saving time (../shared/reference/qbwc-qbxml.md §5.2).
 */
function comparableModified(company: QuickBooksCompany, modified: Date): Date {
  return company.clock.dstBug ? company.clock.parse(company.clock.format(modified))! : modified;
}

function filterPredicate<T>(spec: QuerySpec<T>, rq: RequestNode, company: QuickBooksCompany): (r: T) => boolean {
  const rangeNode = spec.kind === 'txn' ? child(rq, 'ModifiedDateRangeFilter') : rq;
  const from = instantOf(company, text(rangeNode, 'FromModifiedDate'), 'FromModifiedDate');
  const to = instantOf(company, text(rangeNode, 'ToModifiedDate'), 'ToModifiedDate');
  if (from && to && from > to) throw new SimStatusError(3030, 'The date range is invalid: the From date is after the To date.');
  const dates = child(rq, 'TxnDateRangeFilter');
  const fromDate = text(dates, 'FromTxnDate');
  const toDate = text(dates, 'ToTxnDate');
  const entity = child(rq, 'EntityFilter');
  const entityIds = entity
    ? new Set([...texts(entity, 'ListID'), ...texts(entity, 'FullName').map((n) => [...company.customers.values()].find((c) => c.fullName === n)?.listId ?? n)])
    : undefined;
  // ActiveStatus defaults to ActiveOnly on list queries (../shared/reference/qbwc-qbxml.md §6.2).
  const activeStatus = spec.kind === 'list' ? (text(rq, 'ActiveStatus') ?? 'ActiveOnly') : 'All';
  const extra = spec.extraFilter?.(rq, company) ?? (() => true);
  return (r) => {
    const modified = comparableModified(company, spec.modified(r)).getTime();
    if (from && modified < from.getTime()) return false;
    if (to && modified > to.getTime()) return false;
    if (fromDate && spec.txnDate && spec.txnDate(r) < fromDate) return false;
    if (toDate && spec.txnDate && spec.txnDate(r) > toDate) return false;
    if (entityIds && spec.customerId && !entityIds.has(spec.customerId(r))) return false;
    if (activeStatus === 'ActiveOnly' && spec.isActive && !spec.isActive(r)) return false;
    if (activeStatus === 'InactiveOnly' && spec.isActive && spec.isActive(r)) return false;
    return extra(r);
  };
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new SimStatusError(3010, `"${value}" is not a valid MaxReturned.`);
  return n;
}

/** Runs a query request: exact lookups, filters, MaxReturned, iterators, IncludeRetElement. */
function runQuery<T>(spec: QuerySpec<T>, rq: RequestNode, ctx: QueryContext): string[] {
  const { company, session } = ctx;
  const requestId = rq.attributes.requestID;
  const detail: RetDetail = { includeLineItems: text(rq, 'IncludeLineItems') === 'true', includeLinkedTxns: text(rq, 'IncludeLinkedTxns') === 'true' };
  const include = new Set(texts(rq, 'IncludeRetElement'));
  const write = (records: T[], extra: Record<string, string | number> = {}, status = { code: 0, severity: 'Info', message: 'Status OK' }) =>
    responseLines(
      spec.rsName,
      { requestId, ...status, extra },
      records.flatMap((r) => spec.write(company, r, detail).lines(include)),
    );

  const iterator = rq.attributes.iterator;
  if (iterator === 'Continue' || iterator === 'Stop') {
    const id = rq.attributes.iteratorID ?? '';
    const open = session.iterator(id, rq.name);
    if (!open) throw new SimStatusError(3391, `The iteratorID "${id}" is not valid.`);
    if (iterator === 'Stop') {
      session.stopIterator(id);
      return write([], { iteratorRemainingCount: 0, iteratorID: id });
    }
    const max = positiveInt(text(rq, 'MaxReturned')) ?? 1;
    const page = open.ids
      .slice(open.position, open.position + max)
      .map((i) => spec.byId(company, i))
      .filter((r): r is T => r !== undefined);
    open.position += max;
    const remaining = Math.max(0, open.ids.length - open.position);
    if (remaining === 0) session.stopIterator(id);
    return write(page, { iteratorRemainingCount: remaining, iteratorID: id });
  }

  const idName = spec.kind === 'list' ? 'ListID' : 'TxnID';
  const nameName = spec.kind === 'list' ? 'FullName' : 'RefNumber';
  const ids = texts(rq, idName);
  const names = texts(rq, nameName);
  if (ids.length > 0 || names.length > 0) {
    const wanted = ids.length > 0 ? ids : names;
    const found =
      ids.length > 0
        ? ids.map((i) => spec.byId(company, i))
        : names.map((n) => spec.all(company).find((r) => spec.nameOf(r)?.toLowerCase() === n.toLowerCase()));
    const missing = wanted.filter((_, i) => found[i] === undefined);
    const hits = found.filter((r): r is T => r !== undefined);
    if (hits.length === 0) {
      if (ids.length > 0) throw notFound(missing[0]);
      return write([], {}, { code: 1, severity: 'Info', message: NO_MATCH });
    }
    if (missing.length > 0) {
      // A lookup list with some misses answers 500 with what it found (../shared/reference/qbwc-qbxml.md §8.1; carrying the found objects is UNVERIFIED).
      return write(
        hits,
        {},
        {
          code: 500,
          severity: 'Warn',
          message: `The query request has not been fully completed. There was a required element ("${escapeXml(missing[0])}") that could not be found in QuickBooks.`,
        },
      );
    }
    return write(hits);
  }

  const matched = spec.all(company).filter(filterPredicate(spec, rq, company));
  const max = positiveInt(text(rq, 'MaxReturned'));
  if (iterator === 'Start') {
    const pageSize = max ?? matched.length;
    if (matched.length === 0) return write([], {}, { code: 1, severity: 'Info', message: NO_MATCH });
    const iteratorId = session.startIterator(rq.name, matched.map(spec.idOf));
    const open = session.iterator(iteratorId, rq.name)!;
    open.position = pageSize;
    const remaining = Math.max(0, matched.length - pageSize);
    if (remaining === 0) session.stopIterator(iteratorId);
    return write(matched.slice(0, pageSize), { iteratorRemainingCount: remaining, iteratorID: iteratorId });
  }
  const records = max === undefined ? matched : matched.slice(0, max);
  if (records.length === 0) return write([], {}, { code: 1, severity: 'Info', message: NO_MATCH });
  return write(records);
}

export type QueryHandler = (rq: RequestNode, ctx: QueryContext) => string[];

/** Turns a query's facts into its handler; the generic runner does the rest. */
export function defineQuery<T>(spec: QuerySpec<T>): QueryHandler {
  return (rq, ctx) => runQuery(spec, rq, ctx);
}
