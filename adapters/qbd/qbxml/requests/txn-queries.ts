import { AppError } from '../../../../core/errors/app-error';
import { Instant, LocalDate } from '../../../../core/values/instant';
import { QbxmlRequest, checkRequestId, newerVersion } from './qbxml-request';
import { QbxmlVersion } from './qbxml-version';
import { QbxmlWriter } from './qbxml-writer';
import { IteratorStep, Range, RetTrim, checkIds, checkMaxReturned, dateRange, modifiedRange, queryAttributes, writeRetTrim } from './query-parts';

/** The facts of one transaction query, as data: which optional parts the schema gives it. */
interface TxnQueryFacts {
  readonly rqName: string;
  readonly hasPaidStatus: boolean;
  readonly hasLinkedTxns: boolean;
  /** Deposits have no RefNumber (../shared/reference/qbwc-qbxml.md §6.10). */
  readonly hasRefNumber: boolean;
}

const FACTS = {
  invoice: { rqName: 'InvoiceQueryRq', hasPaidStatus: true, hasLinkedTxns: true, hasRefNumber: true },
  receivePayment: { rqName: 'ReceivePaymentQueryRq', hasPaidStatus: false, hasLinkedTxns: false, hasRefNumber: true },
  creditMemo: { rqName: 'CreditMemoQueryRq', hasPaidStatus: false, hasLinkedTxns: true, hasRefNumber: true },
  deposit: { rqName: 'DepositQueryRq', hasPaidStatus: false, hasLinkedTxns: false, hasRefNumber: false },
  journalEntry: { rqName: 'JournalEntryQueryRq', hasPaidStatus: false, hasLinkedTxns: false, hasRefNumber: true },
  // EstimateQuery: TxnFilter (no PaidStatus), IncludeLineItems, IncludeLinkedTxns (qbxml130.xsd).
  estimate: { rqName: 'EstimateQueryRq', hasPaidStatus: false, hasLinkedTxns: true, hasRefNumber: true },
} as const satisfies Record<string, TxnQueryFacts>;

export type TxnQueryKind = keyof typeof FACTS;

/** What to select: exact ids, exact reference numbers, or a filter. */
export type TxnSelection =
  | { readonly txnIds: readonly string[] }
  | { readonly refNumbers: readonly string[] }
  | {
      readonly maxReturned?: number;
      /** By TimeModified (inclusive bounds); excludes txnDate. */
      readonly modified?: Range<Instant>;
      /** By transaction date; excludes modified. */
      readonly txnDate?: Range<LocalDate>;
      /** Only these customers' transactions (ListIDs). */
      readonly customerListIds?: readonly string[];
      /** Invoices only. */
      readonly paidStatus?: 'All' | 'PaidOnly' | 'NotPaidOnly';
    };

export interface TxnQueryInput extends RetTrim {
  readonly requestId: string;
  readonly step?: IteratorStep;
  readonly select?: TxnSelection;
  readonly includeLineItems?: boolean;
  /** Invoices and credit memos: the payments and credits linked to them. */
  readonly includeLinkedTxns?: boolean;
  /** "0" for the user's public custom fields, or our braced OwnerID GUID. */
  readonly ownerIds?: readonly string[];
}

/**
 * InvoiceQueryRq, ReceivePaymentQueryRq, CreditMemoQueryRq, DepositQueryRq, JournalEntryQueryRq or EstimateQueryRq, children in the schema's order:
 * (TxnID+ | RefNumber+ | MaxReturned?, (ModifiedDateRangeFilter | TxnDateRangeFilter)?,
 * EntityFilter?, PaidStatus?)?, IncludeLineItems?, IncludeLinkedTxns?, IncludeRetElement*, OwnerID*.
 */
export function buildTxnQuery(kind: TxnQueryKind, input: TxnQueryInput): QbxmlRequest {
  const facts: TxnQueryFacts = FACTS[kind];
  const requestId = checkRequestId(input.requestId);
  const { attributes, minVersion } = queryAttributes(requestId, input.step);
  let version: QbxmlVersion = minVersion;
  const w = new QbxmlWriter().open(facts.rqName, attributes);
  const select = input.select;
  if (select && 'txnIds' in select) w.each('TxnID', checkIds(select.txnIds, 'TxnID'));
  else if (select && 'refNumbers' in select) {
    if (!facts.hasRefNumber) throw new AppError('invalid', `${facts.rqName} cannot select by RefNumber.`);
    w.each('RefNumber', checkIds(select.refNumbers, 'RefNumber'));
  } else if (select) {
    if (select.modified && select.txnDate) throw new AppError('invalid', 'Filter by modified date or by transaction date, not both: QuickBooks takes one.');
    if (select.paidStatus && !facts.hasPaidStatus) throw new AppError('invalid', `${facts.rqName} has no PaidStatus filter.`);
    w.el('MaxReturned', checkMaxReturned(select.maxReturned));
    const modified = modifiedRange(select.modified);
    w.group('ModifiedDateRangeFilter', modified !== undefined, () => w.el('FromModifiedDate', modified!.from).el('ToModifiedDate', modified!.to));
    const txnDate = dateRange(select.txnDate, 'transaction-date');
    w.group('TxnDateRangeFilter', txnDate !== undefined, () => w.el('FromTxnDate', txnDate!.from).el('ToTxnDate', txnDate!.to));
    if (select.customerListIds) w.group('EntityFilter', true, () => w.each('ListID', checkIds(select.customerListIds!, 'ListID')));
    w.el('PaidStatus', select.paidStatus);
  }
  w.el('IncludeLineItems', input.includeLineItems);
  if (input.includeLinkedTxns !== undefined) {
    if (!facts.hasLinkedTxns) throw new AppError('invalid', `${facts.rqName} has no IncludeLinkedTxns.`);
    w.el('IncludeLinkedTxns', input.includeLinkedTxns);
    version = newerVersion(version, '1.1');
  }
  version = writeRetTrim(w, input, version);
  w.each('OwnerID', input.ownerIds);
  if (input.ownerIds?.length) version = newerVersion(version, '2.0');
  return { rqName: facts.rqName, requestId, minVersion: version, xml: w.close(facts.rqName).toString() };
}
