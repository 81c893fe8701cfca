import { CompanyCounters } from './company-inputs';
import { SimClock } from './sim-clock';
import { DEFAULT_ITEM_NAMES } from './sim-items';
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
  Stamped,
} from './sim-records';
import { SimStatusError } from './sim-status-error';

/**
 * What a simulated QuickBooks company file holds, and what every kind of record shares: new
 * ids and stamps, and the index of which payments and credits apply to what. The rules of each
 * kind of record are in the layers built on it (company-lists.ts, company-receivables.ts,
 * company-payments.ts, company-deposits.ts, company-journal.ts, company-estimates.ts), and QuickBooksCompany is the
 * whole company (quickbooks-company.ts).
 */
export class CompanyLedger {
  readonly accounts = new Map<string, SimAccount>();
  readonly customers = new Map<string, SimCustomer>();
  readonly invoices = new Map<string, SimInvoice>();
  readonly creditMemos = new Map<string, SimCreditMemo>();
  readonly payments = new Map<string, SimPayment>();
  readonly deposits = new Map<string, SimDeposit>();
  readonly journalEntries = new Map<string, SimJournalEntry>();
  readonly estimates = new Map<string, SimEstimate>();
  /** Item names an ItemRef may name (see DEFAULT_ITEM_NAMES); add to it for more. */
  readonly items = new Set<string>(DEFAULT_ITEM_NAMES);
  readonly deletedTxns: SimDeletedTxn[] = [];
  readonly deletedLists: SimDeletedList[] = [];
  /** Names in other lists (vendors, employees): QuickBooks' names are unique across all of them. */
  readonly otherNames = new Set<string>();
  /**
   * Data extensions by OwnerID, kept in the company file as QuickBooks keeps them: QBWC writes
   * the QWC's FileID here, so a reloaded company still says which connection it belongs to.
   */
  readonly dataExt = new Map<string, Map<string, string>>();
  protected listCounter = 0x80000000;
  protected txnCounter = 0x100;
  protected txnNumber = 0;
  protected lastEditSequence = 0;
  /** Which payments and credit memos apply to each receivable: where to look, not how much. */
  protected readonly appliedBy = new Map<string, Set<SimPayment | SimCreditMemo>>();
  /** Which deposit carries each deposited payment. */
  protected readonly depositedIn = new Map<string, SimDeposit>();

  constructor(
    readonly clock: SimClock,
    readonly companyName = 'Simulated Company',
  ) {}

  get counters(): CompanyCounters {
    return { list: this.listCounter, txn: this.txnCounter, txnNumber: this.txnNumber, editSequence: this.lastEditSequence };
  }

  /**
   * For each receivable, the payments and credit memos applied to it in the order they were
   * linked: the order of its LinkedTxns in answers, which a saved company must keep.
   */
  get applicationOrder(): [string, string[]][] {
    return [...this.appliedBy].map(([receivableId, txns]) => [receivableId, [...txns].map((t) => t.txnId)]);
  }

  /**
   * Makes a company whose maps were filled from a saved file whole again (company-snapshot.ts):
   * the counters go on where they stopped, and the indexes the records imply (which payments
   * and credits apply to what, in the saved order; which deposit holds each payment) are
   * rebuilt from the records.
   */
  restoreFrom(counters: CompanyCounters, applicationOrder: readonly (readonly [string, readonly string[]])[]): void {
    this.listCounter = counters.list;
    this.txnCounter = counters.txn;
    this.txnNumber = counters.txnNumber;
    this.lastEditSequence = counters.editSequence;
    this.appliedBy.clear();
    this.depositedIn.clear();
    for (const [receivableId, txnIds] of applicationOrder) {
      const txns = txnIds
        .map((id) => this.payments.get(id) ?? this.creditMemos.get(id))
        .filter((t) => t?.applications.some((a) => a.invoiceId === receivableId));
      this.appliedBy.set(receivableId, new Set(txns as (SimPayment | SimCreditMemo)[]));
    }
    // Anything the order left out is linked after it, so the index always matches the records.
    for (const txn of [...this.payments.values(), ...this.creditMemos.values()]) this.link(txn);
    for (const deposit of this.deposits.values()) for (const l of deposit.lines) if ('paymentId' in l) this.depositedIn.set(l.paymentId, deposit);
    this.revision++;
  }

  // ---- ids and stamps: ListID/TxnID are `<hex>-<epoch seconds>`, EditSequence epoch seconds (../shared/reference/qbwc-qbxml.md §7.2)

  private epoch(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  protected nextListId(): string {
    return `${(++this.listCounter).toString(16).toUpperCase()}-${this.epoch()}`;
  }

  nextTxnId(): string {
    return `${(++this.txnCounter).toString(16).toUpperCase()}-${this.epoch()}`;
  }

  /** Counts changes, so derived figures (customer balances) can be cached between them. */
  protected revision = 0;

  protected stamp(): Stamped {
    this.revision++;
    // Two edits in one second must still get different EditSequences.
    this.lastEditSequence = Math.max(this.lastEditSequence + 1, this.epoch());
    const now = this.clock.now();
    return { created: now, modified: now, editSequence: String(this.lastEditSequence) };
  }

  /** The fields every new transaction starts with: its TxnID, stamps and number, its customer, its date (today unless given). */
  protected newTxnHeader(customerId: string, txnDate: string | undefined) {
    return { txnId: this.nextTxnId(), ...this.stamp(), txnNumber: ++this.txnNumber, customerId, txnDate: txnDate ?? this.clock.localDate(this.clock.now()) };
  }

  /** Records an edit: a later TimeModified and a new EditSequence. */
  touch(record: Stamped): void {
    const { modified, editSequence } = this.stamp();
    record.modified = modified;
    record.editSequence = editSequence;
  }

  checkEditSequence(record: Stamped, given: string): void {
    if (given !== record.editSequence) throw new SimStatusError(3200, `The provided edit sequence "${given}" is out-of-date.`);
  }

  protected link(txn: SimPayment | SimCreditMemo): void {
    for (const a of txn.applications) this.appliedBy.set(a.invoiceId, (this.appliedBy.get(a.invoiceId) ?? new Set()).add(txn));
  }

  protected unlink(txn: SimPayment | SimCreditMemo): void {
    for (const a of txn.applications) this.appliedBy.get(a.invoiceId)?.delete(txn);
  }
}
