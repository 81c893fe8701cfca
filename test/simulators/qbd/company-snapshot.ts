import { CompanyCounters, QuickBooksCompany } from './quickbooks-company';
import { SimClock } from './sim-clock';
import {
  SimAccount,
  SimCreditMemo,
  SimCustomer,
  SimDeletedList,
  SimDeletedTxn,
  SimDeposit,
  SimEstimate,
  SimInvoice,
  SimJournalEntry,
  SimPayment,
} from './sim-records';

/** Names the kind of file, so a stray JSON file is told apart from a company of another version. */
export const SNAPSHOT_FORMAT = 'qbd-simulated-company';
/** Raise it whenever the shape below changes; a file of another version is refused, never guessed at. */
export const SNAPSHOT_VERSION = 1;

/** A record as JSON holds it: its timestamps as ISO strings. */
export type Saved<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };

/**
 * Everything a simulated QuickBooks company holds, as JSON: its records in the order QuickBooks
 * lists them, the deletion logs, the counters behind new ids and EditSequences, its clock, and
 * the data extensions QBWC wrote into it. A company rebuilt from it answers every request as
 * the saved one would.
 */
export interface CompanySnapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  readonly companyName: string;
  readonly clock: { readonly now: string; readonly standardOffsetMinutes: number; readonly dstBug: boolean };
  readonly counters: CompanyCounters;
  readonly accounts: Saved<SimAccount>[];
  readonly customers: Saved<SimCustomer>[];
  readonly invoices: Saved<SimInvoice>[];
  readonly creditMemos: Saved<SimCreditMemo>[];
  readonly payments: Saved<SimPayment>[];
  readonly deposits: Saved<SimDeposit>[];
  readonly journalEntries: Saved<SimJournalEntry>[];
  /** Absent in files saved before the simulator had estimates: read as none. */
  readonly estimates: Saved<SimEstimate>[];
  readonly items: string[];
  readonly otherNames: string[];
  readonly deletedTxns: Saved<SimDeletedTxn>[];
  readonly deletedLists: Saved<SimDeletedList>[];
  /** Per receivable, the payments and credit memos applied to it, in the order answers list them. */
  readonly applicationOrder: [string, string[]][];
  readonly dataExt: { readonly ownerId: string; readonly values: Record<string, string> }[];
}

/** Dates become ISO strings; undefined fields are left out, as JSON would. */
function saved<T extends object>(record: T): Saved<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value instanceof Date ? value.toISOString() : value;
  return out as Saved<T>;
}

export function snapshotOf(company: QuickBooksCompany): CompanySnapshot {
  const { clock } = company;
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    companyName: company.companyName,
    clock: { now: clock.now().toISOString(), standardOffsetMinutes: clock.standardOffsetMinutes, dstBug: clock.dstBug },
    counters: company.counters,
    accounts: [...company.accounts.values()].map(saved),
    customers: [...company.customers.values()].map(saved),
    invoices: [...company.invoices.values()].map(saved),
    creditMemos: [...company.creditMemos.values()].map(saved),
    payments: [...company.payments.values()].map(saved),
    deposits: [...company.deposits.values()].map(saved),
    journalEntries: [...company.journalEntries.values()].map(saved),
    estimates: [...company.estimates.values()].map(saved),
    items: [...company.items],
    otherNames: [...company.otherNames],
    deletedTxns: company.deletedTxns.map(saved),
    deletedLists: company.deletedLists.map(saved),
    applicationOrder: company.applicationOrder,
    dataExt: [...company.dataExt].map(([ownerId, values]) => ({ ownerId, values: Object.fromEntries(values) })),
  };
}

/**
 * The company a snapshot describes. The snapshot must have been checked (readCompanySnapshot):
 * this only turns strings back into dates and fills the company's maps in the saved order.
 */
export function companyFromSnapshot(snapshot: CompanySnapshot): QuickBooksCompany {
  const clock = new SimClock(new Date(snapshot.clock.now), snapshot.clock.standardOffsetMinutes, snapshot.clock.dstBug);
  const company = new QuickBooksCompany(clock, snapshot.companyName);
  // The constructor's default chart of accounts is replaced by the saved one.
  company.accounts.clear();
  company.items.clear();
  const stamped = <T extends { created: string; modified: string }>(r: T) => ({ ...r, created: new Date(r.created), modified: new Date(r.modified) });
  const fill = <T>(map: Map<string, T>, records: readonly T[], key: (r: T) => string) => records.forEach((r) => map.set(key(r), r));
  fill(company.accounts, snapshot.accounts.map(stamped), (a) => a.listId);
  fill(company.customers, snapshot.customers.map(stamped), (c) => c.listId);
  fill(company.invoices, snapshot.invoices.map(stamped), (t) => t.txnId);
  fill(company.creditMemos, snapshot.creditMemos.map(stamped), (t) => t.txnId);
  fill(company.payments, snapshot.payments.map(stamped), (t) => t.txnId);
  fill(company.deposits, snapshot.deposits.map(stamped), (t) => t.txnId);
  fill(company.journalEntries, snapshot.journalEntries.map(stamped), (t) => t.txnId);
  fill(company.estimates, snapshot.estimates.map(stamped), (t) => t.txnId);
  snapshot.items.forEach((name) => company.items.add(name));
  snapshot.otherNames.forEach((name) => company.otherNames.add(name));
  company.deletedTxns.push(...snapshot.deletedTxns.map((d) => ({ ...d, created: new Date(d.created), deleted: new Date(d.deleted) })));
  company.deletedLists.push(...snapshot.deletedLists.map((d) => ({ ...d, created: new Date(d.created), deleted: new Date(d.deleted) })));
  for (const { ownerId, values } of snapshot.dataExt) company.dataExt.set(ownerId, new Map(Object.entries(values)));
  company.restoreFrom(snapshot.counters, snapshot.applicationOrder);
  return company;
}
