import { compareMoney, ZERO_MONEY } from '../../../core/values/money';
import { RetWriter, escapeXml, responseLines } from './answer-writer';
import { QuickBooksCompany } from './quickbooks-company';
import { RequestNode, child, text, texts } from './request-node';
import { RetDetail, accountRet, creditMemoRet, customerRet, depositRet, invoiceRet, journalEntryRet, receivePaymentRet } from './ret-writers';
import { SimAccount, SimCreditMemo, SimCustomer, SimDeposit, SimInvoice, SimJournalEntry, SimPayment } from './sim-records';
import { SimSession } from './sim-session';
import { SimStatusError, notFound } from './sim-status-error';

export interface QueryContext {
  readonly company: QuickBooksCompany;
  readonly session: SimSession;
}

/** The facts of one query, as data: where its records are and how they are filtered and written. */
interface QuerySpec<T> {
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

const NO_MATCH = 'A query request did not find a matching object in QuickBooks';

function instantOf(company: QuickBooksCompany, value: string | undefined, field: string): Date | undefined {
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

type QueryHandler = (rq: RequestNode, ctx: QueryContext) => string[];

/** Turns a query's facts into its handler; the generic runner does the rest. */
function defineQuery<T>(spec: QuerySpec<T>): QueryHandler {
  return (rq, ctx) => runQuery(spec, rq, ctx);
}

/** The query messages the simulator answers, by request name. */
export const QUERY_HANDLERS: Record<string, QueryHandler> = {
  AccountQueryRq: defineQuery<SimAccount>({
    rsName: 'AccountQueryRs',
    kind: 'list',
    all: (c) => [...c.accounts.values()],
    byId: (c, id) => c.accounts.get(id),
    idOf: (a) => a.listId,
    nameOf: (a) => a.fullName,
    modified: (a) => a.modified,
    isActive: (a) => a.isActive,
    write: (c, a) => accountRet(c, a),
    extraFilter: (rq) => {
      const types = texts(rq, 'AccountType');
      return (a) => types.length === 0 || types.includes(a.accountType);
    },
  }),
  CustomerQueryRq: defineQuery<SimCustomer>({
    rsName: 'CustomerQueryRs',
    kind: 'list',
    all: (c) => [...c.customers.values()],
    byId: (c, id) => c.customers.get(id),
    idOf: (r) => r.listId,
    nameOf: (r) => r.fullName,
    modified: (r) => r.modified,
    isActive: (r) => r.isActive,
    write: (c, r) => customerRet(c, r),
  }),
  InvoiceQueryRq: defineQuery<SimInvoice>({
    rsName: 'InvoiceQueryRs',
    kind: 'txn',
    all: (c) => [...c.invoices.values()],
    byId: (c, id) => c.invoices.get(id),
    idOf: (r) => r.txnId,
    nameOf: (r) => r.refNumber,
    modified: (r) => r.modified,
    txnDate: (r) => r.txnDate,
    customerId: (r) => r.customerId,
    write: (c, r, d) => invoiceRet(c, r, d),
    extraFilter: (rq, company) => {
      const paid = text(rq, 'PaidStatus') ?? 'All';
      return (inv) => {
        const open = compareMoney(company.invoiceBalance(inv), ZERO_MONEY) > 0;
        return paid === 'All' || (paid === 'PaidOnly' ? !open : open);
      };
    },
  }),
  CreditMemoQueryRq: defineQuery<SimCreditMemo>({
    rsName: 'CreditMemoQueryRs',
    kind: 'txn',
    all: (c) => [...c.creditMemos.values()],
    byId: (c, id) => c.creditMemos.get(id),
    idOf: (r) => r.txnId,
    nameOf: (r) => r.refNumber,
    modified: (r) => r.modified,
    txnDate: (r) => r.txnDate,
    customerId: (r) => r.customerId,
    write: (c, r, d) => creditMemoRet(c, r, d),
  }),
  ReceivePaymentQueryRq: defineQuery<SimPayment>({
    rsName: 'ReceivePaymentQueryRs',
    kind: 'txn',
    all: (c) => [...c.payments.values()],
    byId: (c, id) => c.payments.get(id),
    idOf: (r) => r.txnId,
    nameOf: (r) => r.refNumber,
    modified: (r) => r.modified,
    txnDate: (r) => r.txnDate,
    customerId: (r) => r.customerId,
    write: (c, r, d) => receivePaymentRet(c, r, d),
  }),
  DepositQueryRq: defineQuery<SimDeposit>({
    rsName: 'DepositQueryRs',
    kind: 'txn',
    all: (c) => [...c.deposits.values()],
    byId: (c, id) => c.deposits.get(id),
    idOf: (r) => r.txnId,
    nameOf: () => undefined,
    modified: (r) => r.modified,
    txnDate: (r) => r.txnDate,
    write: (c, r, d) => depositRet(c, r, d),
  }),
  JournalEntryQueryRq: defineQuery<SimJournalEntry>({
    rsName: 'JournalEntryQueryRs',
    kind: 'txn',
    all: (c) => [...c.journalEntries.values()],
    byId: (c, id) => c.journalEntries.get(id),
    idOf: (r) => r.txnId,
    nameOf: (r) => r.refNumber,
    modified: (r) => r.modified,
    txnDate: (r) => r.txnDate,
    extraFilter: journalLineFilter,
    write: (c, r, d) => journalEntryRet(c, r, d),
  }),
};

/**
 * A journal entry has no one customer or account: EntityFilter and AccountFilter match an
 * entry when any of its lines names one of theirs (by ListID or FullName; the WithChildren
 * forms are not simulated).
 */
function journalLineFilter(rq: RequestNode, company: QuickBooksCompany): (e: SimJournalEntry) => boolean {
  const ids = (filter: RequestNode | undefined, byName: (name: string) => string | undefined) =>
    filter && new Set([...texts(filter, 'ListID'), ...texts(filter, 'FullName').map((n) => byName(n.toLowerCase()) ?? n)]);
  const entities = ids(child(rq, 'EntityFilter'), (n) => [...company.customers.values()].find((c) => c.fullName.toLowerCase() === n)?.listId);
  const accounts = ids(child(rq, 'AccountFilter'), (n) => [...company.accounts.values()].find((a) => a.fullName.toLowerCase() === n)?.listId);
  return (e) =>
    (!entities || e.lines.some((l) => l.entityId !== undefined && entities.has(l.entityId))) && (!accounts || e.lines.some((l) => accounts.has(l.accountId)));
}

/** TxnDeletedQuery / ListDeletedQuery: no iterator, deletions of the last 90 days only. */
function deletedQuery(kind: 'txn' | 'list') {
  return (rq: RequestNode, { company }: QueryContext): string[] => {
    const rsName = kind === 'txn' ? 'TxnDeletedQueryRs' : 'ListDeletedQueryRs';
    const types = new Set(texts(rq, kind === 'txn' ? 'TxnDelType' : 'ListDelType'));
    const range = child(rq, 'DeletedDateRangeFilter');
    const from = instantOf(company, text(range, 'FromDeletedDate'), 'FromDeletedDate');
    const to = instantOf(company, text(range, 'ToDeletedDate'), 'ToDeletedDate');
    const include = new Set(texts(rq, 'IncludeRetElement'));
    const inRange = (d: Date) => (!from || d >= from) && (!to || d <= to);
    const lines =
      kind === 'txn'
        ? company
            .recentDeletions(company.deletedTxns)
            .filter((d) => types.has(d.txnDelType) && inRange(d.deleted))
            .map((d) =>
              new RetWriter('TxnDeletedRet')
                .el('TxnDelType', d.txnDelType)
                .el('TxnID', d.txnId)
                .el('TimeCreated', company.clock.format(d.created))
                .el('TimeDeleted', company.clock.format(d.deleted))
                .el('RefNumber', d.refNumber)
                .lines(include),
            )
        : company
            .recentDeletions(company.deletedLists)
            .filter((d) => types.has(d.listDelType) && inRange(d.deleted))
            .map((d) =>
              new RetWriter('ListDeletedRet')
                .el('ListDelType', d.listDelType)
                .el('ListID', d.listId)
                .el('TimeCreated', company.clock.format(d.created))
                .el('TimeDeleted', company.clock.format(d.deleted))
                .el('FullName', d.fullName)
                .lines(include),
            );
    const requestId = rq.attributes.requestID;
    if (lines.length === 0) return responseLines(rsName, { requestId, code: 1, severity: 'Info', message: NO_MATCH }, []);
    return responseLines(rsName, { requestId, code: 0, severity: 'Info', message: 'Status OK' }, lines.flat());
  };
}

QUERY_HANDLERS.TxnDeletedQueryRq = deletedQuery('txn');
QUERY_HANDLERS.ListDeletedQueryRq = deletedQuery('list');
QUERY_HANDLERS.ReceivePaymentToDepositQueryRq = (rq, { company }) => {
  const include = new Set(texts(rq, 'IncludeRetElement'));
  const lines = company.paymentsToDeposit().flatMap((p) =>
    new RetWriter('ReceivePaymentToDepositRet')
      .el('TxnID', p.txnId)
      .el('TxnType', 'ReceivePayment')
      .ref('CustomerRef', { listId: p.customerId, fullName: company.customers.get(p.customerId)?.fullName })
      .el('TxnDate', p.txnDate)
      .el('RefNumber', p.refNumber)
      .el('Amount', p.totalAmount)
      .lines(include),
  );
  const requestId = rq.attributes.requestID;
  if (lines.length === 0) return responseLines('ReceivePaymentToDepositQueryRs', { requestId, code: 1, severity: 'Info', message: NO_MATCH }, []);
  return responseLines('ReceivePaymentToDepositQueryRs', { requestId, code: 0, severity: 'Info', message: 'Status OK' }, lines);
};
