import { Money, ZERO_MONEY, compareMoney, subtractMoney, sumMoney } from '../../../core/values/money';
import { accountBalanceOf } from './account-balances';
import { customerBalancesOf } from './customer-balances';
import { InvoiceLineChange, changedLines } from './invoice-lines';
import { checkJournalLines } from './journal-entry-rules';
import { autoApplications, checkApplications } from './payment-applications';
import { SimClock } from './sim-clock';
import { DEFAULT_ITEM_NAMES } from './sim-items';
import {
  SimAccount,
  SimApplication,
  SimCreditMemo,
  SimCustomer,
  SimDeletedList,
  SimDeletedTxn,
  SimDeposit,
  SimDepositLine,
  SimInvoice,
  SimJournalEntry,
  SimJournalLine,
  SimLine,
  SimPayment,
  Stamped,
} from './sim-records';
import { SimStatusError, badReference, notFound } from './sim-status-error';

/** QuickBooks keeps deletion records for about 90 days (../shared/reference/qbwc-qbxml.md §6.9, VENDOR). */
export const DELETED_RETENTION_DAYS = 90;

export interface LineInput {
  readonly itemName?: string;
  readonly desc?: string;
  readonly quantity?: string;
  readonly rate?: string;
  readonly amount: Money;
}

/** A journal line to add; amounts are positive, the side says which way. */
export interface JournalLineInput {
  readonly side: 'debit' | 'credit';
  readonly accountId: string;
  readonly amount: Money;
  readonly entityId?: string;
  readonly memo?: string;
}

/** What a payment can be applied to: an invoice, or a journal entry's A/R debit to a customer. */
export interface SimReceivable {
  readonly txnId: string;
  readonly type: 'Invoice' | 'JournalEntry';
  readonly customerId: string;
  readonly txnDate: string;
  readonly refNumber?: string;
  readonly total: Money;
}

/** The counters behind new ids, TxnNumbers and EditSequences: a reloaded company goes on from them. */
export interface CompanyCounters {
  readonly list: number;
  readonly txn: number;
  readonly txnNumber: number;
  readonly editSequence: number;
}

/** A deposit line: a payment waiting in Undeposited Funds, or money from another account. */
export type DepositLineInput =
  | { readonly paymentId: string; readonly memo?: string }
  | { readonly accountId: string; readonly entityId?: string; readonly memo?: string; readonly amount: Money };

/**
 * An in-memory QuickBooks company file. Balances are never stored: an invoice's applied
 * amount, balance and IsPaid, a payment's unused amount and a credit's remaining amount are
 * derived from the applications every time, so they cannot drift as payments and credits
 * come and go.
 */
export class QuickBooksCompany {
  readonly accounts = new Map<string, SimAccount>();
  readonly customers = new Map<string, SimCustomer>();
  readonly invoices = new Map<string, SimInvoice>();
  readonly creditMemos = new Map<string, SimCreditMemo>();
  readonly payments = new Map<string, SimPayment>();
  readonly deposits = new Map<string, SimDeposit>();
  readonly journalEntries = new Map<string, SimJournalEntry>();
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
  private listCounter = 0x80000000;
  private txnCounter = 0x100;
  private txnNumber = 0;
  private lastEditSequence = 0;
  /** Which payments and credit memos apply to each receivable: where to look, not how much. */
  private readonly appliedBy = new Map<string, Set<SimPayment | SimCreditMemo>>();
  /** Which deposit carries each deposited payment. */
  private readonly depositedIn = new Map<string, SimDeposit>();

  constructor(
    readonly clock: SimClock,
    readonly companyName = 'Simulated Company',
  ) {
    for (const [name, type, special] of [
      ['Accounts Receivable', 'AccountsReceivable', 'AccountsReceivable'],
      ['Undeposited Funds', 'OtherCurrentAsset', 'UndepositedFunds'],
      ['Checking', 'Bank', undefined],
      ['Savings', 'Bank', undefined],
      ['Sales', 'Income', undefined],
      ['Merchant Fees', 'Expense', undefined],
    ] as const) {
      this.addAccount({ name, accountType: type, specialAccountType: special });
    }
  }

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

  private nextListId(): string {
    return `${(++this.listCounter).toString(16).toUpperCase()}-${this.epoch()}`;
  }

  nextTxnId(): string {
    return `${(++this.txnCounter).toString(16).toUpperCase()}-${this.epoch()}`;
  }

  /** Counts changes, so derived figures (customer balances) can be cached between them. */
  private revision = 0;
  private balancesAt = -1;
  private balances: ReadonlyMap<string, Money> = new Map();

  private stamp(): Stamped {
    this.revision++;
    // Two edits in one second must still get different EditSequences.
    this.lastEditSequence = Math.max(this.lastEditSequence + 1, this.epoch());
    const now = this.clock.now();
    return { created: now, modified: now, editSequence: String(this.lastEditSequence) };
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

  // ---- lists

  addAccount(input: {
    name: string;
    accountType: string;
    specialAccountType?: string;
    parentId?: string;
    isActive?: boolean;
    accountNumber?: string;
  }): SimAccount {
    const parent = input.parentId ? this.account(input.parentId) : undefined;
    const fullName = parent ? `${parent.fullName}:${input.name}` : input.name;
    if ([...this.accounts.values()].some((a) => a.fullName.toLowerCase() === fullName.toLowerCase())) {
      throw new SimStatusError(3100, `The name "${input.name}" of the list element is already in use.`);
    }
    const account: SimAccount = {
      listId: this.nextListId(),
      ...this.stamp(),
      name: input.name,
      fullName,
      parentId: parent?.listId,
      isActive: input.isActive ?? true,
      accountType: input.accountType,
      specialAccountType: input.specialAccountType,
      accountNumber: input.accountNumber,
    };
    this.accounts.set(account.listId, account);
    return account;
  }

  account(listId: string): SimAccount {
    const account = this.accounts.get(listId);
    if (!account) throw notFound(listId);
    return account;
  }

  findAccount(ref: { listId?: string; fullName?: string }, inTxn: string): SimAccount {
    const found = ref.listId
      ? this.accounts.get(ref.listId)
      : [...this.accounts.values()].find((a) => a.fullName.toLowerCase() === ref.fullName?.toLowerCase());
    if (!found) throw badReference('Account', ref.listId ?? ref.fullName ?? '', inTxn);
    return found;
  }

  get undepositedFunds(): SimAccount {
    return [...this.accounts.values()].find((a) => a.specialAccountType === 'UndepositedFunds')!;
  }

  /** The Accounts Receivable account invoices post to (the first, if someone added more). */
  get accountsReceivable(): SimAccount {
    return [...this.accounts.values()].find((a) => a.accountType === 'AccountsReceivable')!;
  }

  isReceivablesAccount(listId: string): boolean {
    return this.accounts.get(listId)?.accountType === 'AccountsReceivable';
  }

  /** An account's balance, derived every time (see accountBalanceOf for the rules). */
  accountBalance(listId: string): Money {
    return accountBalanceOf(this, this.account(listId));
  }

  /**
   * An ItemRef's item. Items are names only here, so an ItemRef by ListID alone is an invalid
   * reference (3140) like an unknown name.
   */
  findItem(ref: { listId?: string; fullName?: string }, inTxn: string): string {
    const wanted = ref.fullName?.toLowerCase();
    const found = wanted === undefined ? undefined : [...this.items].find((n) => n.toLowerCase() === wanted);
    if (!found) throw badReference('Item', ref.fullName ?? ref.listId ?? '', inTxn);
    return found;
  }

  private nameInUse(fullName: string, except?: string): boolean {
    const lower = fullName.toLowerCase();
    return (
      [...this.customers.values()].some((c) => c.listId !== except && c.fullName.toLowerCase() === lower) ||
      [...this.otherNames].some((n) => n.toLowerCase() === lower)
    );
  }

  addCustomer(input: {
    name: string;
    parentId?: string;
    isActive?: boolean;
    companyName?: string;
    firstName?: string;
    lastName?: string;
    email?: string;
    phone?: string;
    externalGuid?: string;
  }): SimCustomer {
    const parent = input.parentId ? this.customer(input.parentId) : undefined;
    const fullName = parent ? `${parent.fullName}:${input.name}` : input.name;
    if (this.nameInUse(fullName)) throw new SimStatusError(3100, `The name "${fullName}" of the list element is already in use.`);
    const { parentId: _parent, ...rest } = input;
    void _parent;
    const customer: SimCustomer = { listId: this.nextListId(), ...this.stamp(), ...rest, fullName, parentId: parent?.listId, isActive: input.isActive ?? true };
    this.customers.set(customer.listId, customer);
    return customer;
  }

  customer(listId: string): SimCustomer {
    const customer = this.customers.get(listId);
    if (!customer) throw notFound(listId);
    return customer;
  }

  findCustomer(ref: { listId?: string; fullName?: string }, inTxn: string): SimCustomer {
    const found = ref.listId
      ? this.customers.get(ref.listId)
      : [...this.customers.values()].find((c) => c.fullName.toLowerCase() === ref.fullName?.toLowerCase());
    if (!found) throw badReference('Customer', ref.listId ?? ref.fullName ?? '', inTxn);
    return found;
  }

  /** CustomerMod's rules: the caller's EditSequence must be current (else 3200), the name free (else 3100). */
  modifyCustomer(
    listId: string,
    editSequence: string,
    changes: Partial<Pick<SimCustomer, 'name' | 'isActive' | 'companyName' | 'email' | 'phone' | 'firstName' | 'lastName'>>,
  ): SimCustomer {
    const customer = this.customer(listId);
    this.checkEditSequence(customer, editSequence);
    if (changes.name !== undefined && changes.name !== customer.name) {
      const parent = customer.parentId ? this.customer(customer.parentId) : undefined;
      const fullName = parent ? `${parent.fullName}:${changes.name}` : changes.name;
      if (this.nameInUse(fullName, listId)) throw new SimStatusError(3100, `The name "${fullName}" of the list element is already in use.`);
      customer.fullName = fullName;
    }
    Object.assign(customer, changes);
    this.touch(customer);
    return customer;
  }

  deleteCustomer(listId: string): void {
    this.revision++;
    const customer = this.customer(listId);
    const used =
      [...this.invoices.values(), ...this.payments.values(), ...this.creditMemos.values()].some((t) => t.customerId === listId) ||
      [...this.journalEntries.values()].some((e) => e.lines.some((l) => l.entityId === listId));
    const hasJobs = [...this.customers.values()].some((c) => c.parentId === listId);
    if (used || hasJobs)
      throw new SimStatusError(
        3170,
        `There was an error when deleting Customer "${customer.fullName}". QuickBooks error message: This object cannot be deleted because it is used.`,
      );
    this.customers.delete(listId);
    this.deletedLists.push({ listDelType: 'Customer', listId, created: customer.created, deleted: this.clock.now(), fullName: customer.fullName });
  }

  // ---- transactions

  private lines(inputs: readonly LineInput[]): SimLine[] {
    return inputs.map((l) => ({ txnLineId: this.nextTxnId(), ...l }));
  }

  addInvoice(input: {
    customerId: string;
    txnDate?: string;
    dueDate?: string;
    refNumber?: string;
    memo?: string;
    externalGuid?: string;
    lines: readonly LineInput[];
    salesTaxTotal?: Money;
  }): SimInvoice {
    this.customer(input.customerId);
    const invoice: SimInvoice = {
      txnId: this.nextTxnId(),
      ...this.stamp(),
      txnNumber: ++this.txnNumber,
      customerId: input.customerId,
      txnDate: input.txnDate ?? this.clock.localDate(this.clock.now()),
      dueDate: input.dueDate,
      refNumber: input.refNumber,
      memo: input.memo,
      externalGuid: input.externalGuid,
      lines: this.lines(input.lines),
      salesTaxTotal: input.salesTaxTotal ?? ZERO_MONEY,
    };
    this.invoices.set(invoice.txnId, invoice);
    return invoice;
  }

  invoice(txnId: string): SimInvoice {
    const invoice = this.invoices.get(txnId);
    if (!invoice) throw notFound(txnId);
    return invoice;
  }

  /**
   * Voids an invoice as QuickBooks does: the record stays, every line's amount (and quantity)
   * becomes zero, so its total and balance are 0.00, and "VOID:" is put before the memo.
   * UNVERIFIED: the reference is silent on how a voided invoice reads back in qbXML 13.0 (it has
   * no IsVoid element); the zeroed amounts and the "VOID:" memo are what QuickBooks' UI shows.
   * Payments and credits applied to it are unapplied (they stay as unused amounts).
   */
  voidInvoice(txnId: string): SimInvoice {
    const invoice = this.invoice(txnId);
    this.unapplyAllFrom(txnId);
    invoice.lines = invoice.lines.map((l) => ({ ...l, amount: ZERO_MONEY, ...(l.quantity !== undefined ? { quantity: '0' } : {}) }));
    invoice.salesTaxTotal = ZERO_MONEY;
    invoice.memo = `VOID:${invoice.memo ? ` ${invoice.memo}` : ''}`;
    this.touch(invoice);
    return invoice;
  }

  /** Edits an invoice as a user would in QuickBooks: a new TimeModified and EditSequence. */
  editInvoice(txnId: string, changes: Partial<Pick<SimInvoice, 'dueDate' | 'memo' | 'refNumber'>> & { lines?: readonly LineInput[] }): SimInvoice {
    const invoice = this.invoice(txnId);
    const { lines, ...rest } = changes;
    const newLines = lines && this.lines(lines);
    // Checked before anything changes, so a refused edit leaves the invoice as it was.
    if (newLines) this.checkInvoiceTotal(invoice, newLines);
    Object.assign(invoice, rest);
    if (newLines) invoice.lines = newLines;
    this.touch(invoice);
    return invoice;
  }

  /** InvoiceMod: the EditSequence must be current (3200); the line rules are in changedLines. */
  modifyInvoice(
    txnId: string,
    editSequence: string,
    changes: { txnDate?: string; refNumber?: string; dueDate?: string; memo?: string; lines?: readonly InvoiceLineChange[] },
  ): SimInvoice {
    const invoice = this.invoice(txnId);
    this.checkEditSequence(invoice, editSequence);
    const { lines: lineChanges, ...fields } = changes;
    const lines = lineChanges ? changedLines(invoice.lines, lineChanges, () => this.nextTxnId()) : invoice.lines;
    if (lineChanges) this.checkInvoiceTotal(invoice, lines);
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(invoice, { [key]: value });
    invoice.lines = lines;
    this.touch(invoice);
    return invoice;
  }

  private checkInvoiceTotal(invoice: SimInvoice, lines: readonly SimLine[]): void {
    const total = sumMoney([...lines.map((l) => l.amount), invoice.salesTaxTotal]);
    if (compareMoney(total, this.invoiceApplied(invoice)) < 0) {
      throw new SimStatusError(3210, 'The invoice total cannot be less than the payments and credits applied to it.');
    }
  }

  invoiceSubtotal(invoice: SimInvoice): Money {
    return sumMoney(invoice.lines.map((l) => l.amount));
  }

  invoiceTotal(invoice: SimInvoice): Money {
    return sumMoney([this.invoiceSubtotal(invoice), invoice.salesTaxTotal]);
  }

  /** What payments and credit memos have applied to an invoice (positive here; QuickBooks reports it negative). */
  invoiceApplied(invoice: SimInvoice): Money {
    return sumMoney(this.applicationsTo(invoice.txnId).map((a) => a.amount));
  }

  invoiceBalance(invoice: SimInvoice): Money {
    return subtractMoney(this.invoiceTotal(invoice), this.invoiceApplied(invoice));
  }

  /** Every payment and credit application to a receivable, with the transaction it came from. */
  applicationsTo(invoiceId: string): (SimApplication & { from: SimPayment | SimCreditMemo; type: 'ReceivePayment' | 'CreditMemo' })[] {
    const result = [];
    for (const from of this.appliedBy.get(invoiceId) ?? []) {
      const type = this.payments.has(from.txnId) ? ('ReceivePayment' as const) : ('CreditMemo' as const);
      for (const a of from.applications) if (a.invoiceId === invoiceId) result.push({ ...a, from, type });
    }
    return result;
  }

  /** An invoice, or a journal entry with an A/R debit to a customer, by TxnID. */
  receivable(txnId: string): SimReceivable | undefined {
    const invoice = this.invoices.get(txnId);
    if (invoice)
      return {
        txnId,
        type: 'Invoice',
        customerId: invoice.customerId,
        txnDate: invoice.txnDate,
        refNumber: invoice.refNumber,
        total: this.invoiceTotal(invoice),
      };
    const entry = this.journalEntries.get(txnId);
    const debit = entry && this.receivableDebit(entry);
    if (!entry || !debit) return undefined;
    return { txnId, type: 'JournalEntry', customerId: debit.entityId!, txnDate: entry.txnDate, refNumber: entry.refNumber, total: debit.amount };
  }

  /** What is still owed on a receivable: its total less what payments and credits apply to it. */
  receivableBalance(receivable: SimReceivable): Money {
    return subtractMoney(receivable.total, sumMoney(this.applicationsTo(receivable.txnId).map((a) => a.amount)));
  }

  /** The line that makes a journal entry an open receivable: a debit to A/R naming a customer. */
  receivableDebit(entry: SimJournalEntry): SimJournalLine | undefined {
    return entry.lines.find((l) => l.side === 'debit' && l.entityId !== undefined && this.isReceivablesAccount(l.accountId));
  }

  private link(txn: SimPayment | SimCreditMemo): void {
    for (const a of txn.applications) this.appliedBy.set(a.invoiceId, (this.appliedBy.get(a.invoiceId) ?? new Set()).add(txn));
  }

  private unlink(txn: SimPayment | SimCreditMemo): void {
    for (const a of txn.applications) this.appliedBy.get(a.invoiceId)?.delete(txn);
  }

  /** A receivable goes (deleted or voided): what was applied to it stays on the payments and credits as unused. */
  private unapplyAllFrom(txnId: string): void {
    for (const t of this.appliedBy.get(txnId) ?? []) {
      t.applications = t.applications.filter((a) => a.invoiceId !== txnId);
      this.touch(t);
    }
    this.appliedBy.delete(txnId);
  }

  /**
   * ReceivePaymentAdd. Applying a payment changes the invoices' balances but, here, not their
   * TimeModified: the reference says a sync must not rely on it (UNVERIFIED whether QuickBooks
   * touches it), so the simulator takes the harder case.
   */
  receivePayment(input: {
    customerId: string;
    txnDate?: string;
    refNumber?: string;
    totalAmount: Money;
    paymentMethod?: string;
    memo?: string;
    depositToAccountId?: string;
    externalGuid?: string;
    applications?: readonly SimApplication[];
  }): SimPayment {
    this.customer(input.customerId);
    const depositTo = input.depositToAccountId ? this.account(input.depositToAccountId) : this.undepositedFunds;
    const applications = input.applications ? [...input.applications] : autoApplications(this, input.customerId, input.totalAmount);
    checkApplications(this, input.customerId, applications, input.totalAmount, 'payment');
    const payment: SimPayment = {
      txnId: this.nextTxnId(),
      ...this.stamp(),
      txnNumber: ++this.txnNumber,
      customerId: input.customerId,
      txnDate: input.txnDate ?? this.clock.localDate(this.clock.now()),
      refNumber: input.refNumber,
      totalAmount: input.totalAmount,
      paymentMethod: input.paymentMethod,
      memo: input.memo,
      depositToAccountId: depositTo.listId,
      externalGuid: input.externalGuid,
      applications,
    };
    this.payments.set(payment.txnId, payment);
    this.link(payment);
    return payment;
  }

  payment(txnId: string): SimPayment {
    const payment = this.payments.get(txnId);
    if (!payment) throw notFound(txnId);
    return payment;
  }

  /**
   * ReceivePaymentMod. The EditSequence must be current (3200). Simple fields keep the links;
   * new applications replace the old ones entirely (Intuit's documentation) and are checked as
   * ReceivePaymentAdd's are, against balances without this payment's own applications, so
   * re-applying the same amounts is allowed. A deposited payment keeps its TotalAmount (3210,
   * UNVERIFIED: QuickBooks ties the amount to the deposit line); its deposit never changes.
   */
  modifyPayment(
    txnId: string,
    editSequence: string,
    changes: { txnDate?: string; refNumber?: string; memo?: string; paymentMethod?: string; totalAmount?: Money; applications?: readonly SimApplication[] },
  ): SimPayment {
    const payment = this.payment(txnId);
    this.checkEditSequence(payment, editSequence);
    const { applications: newApplications, totalAmount = payment.totalAmount, ...fields } = changes;
    if (compareMoney(totalAmount, payment.totalAmount) !== 0 && this.depositOf(txnId)) {
      throw new SimStatusError(
        3210,
        `The "TotalAmount" field has an invalid value "${totalAmount}". QuickBooks error message: The payment "${txnId}" has been deposited; its amount cannot change.`,
      );
    }
    const applications = newApplications ? [...newApplications] : payment.applications;
    const old = payment.applications;
    this.unlink(payment);
    payment.applications = [];
    try {
      checkApplications(this, payment.customerId, applications, totalAmount, 'payment');
    } catch (error) {
      payment.applications = old;
      this.link(payment);
      throw error;
    }
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(payment, { [key]: value });
    payment.totalAmount = totalAmount;
    payment.applications = applications;
    this.link(payment);
    this.touch(payment);
    return payment;
  }

  paymentUnused(payment: SimPayment): Money {
    return subtractMoney(payment.totalAmount, sumMoney(payment.applications.map((a) => a.amount)));
  }

  depositOf(paymentId: string): SimDeposit | undefined {
    return this.depositedIn.get(paymentId);
  }

  addCreditMemo(input: {
    customerId: string;
    txnDate?: string;
    refNumber?: string;
    memo?: string;
    lines: readonly LineInput[];
    salesTaxTotal?: Money;
    applications?: readonly SimApplication[];
  }): SimCreditMemo {
    this.customer(input.customerId);
    const lines = this.lines(input.lines);
    const total = sumMoney([...lines.map((l) => l.amount), input.salesTaxTotal ?? ZERO_MONEY]);
    const applications = [...(input.applications ?? [])];
    checkApplications(this, input.customerId, applications, total, 'credit memo');
    const memo: SimCreditMemo = {
      txnId: this.nextTxnId(),
      ...this.stamp(),
      txnNumber: ++this.txnNumber,
      customerId: input.customerId,
      txnDate: input.txnDate ?? this.clock.localDate(this.clock.now()),
      refNumber: input.refNumber,
      memo: input.memo,
      lines,
      salesTaxTotal: input.salesTaxTotal ?? ZERO_MONEY,
      applications,
    };
    this.creditMemos.set(memo.txnId, memo);
    this.link(memo);
    return memo;
  }

  creditTotal(memo: SimCreditMemo): Money {
    return sumMoney([...memo.lines.map((l) => l.amount), memo.salesTaxTotal]);
  }

  creditRemaining(memo: SimCreditMemo): Money {
    return subtractMoney(this.creditTotal(memo), sumMoney(memo.applications.map((a) => a.amount)));
  }

  /** Payments still in Undeposited Funds and in no deposit: what ReceivePaymentToDepositQuery lists. */
  paymentsToDeposit(): SimPayment[] {
    const undeposited = this.undepositedFunds.listId;
    return [...this.payments.values()].filter((p) => p.depositToAccountId === undeposited && !this.depositOf(p.txnId));
  }

  addDeposit(input: { txnDate?: string; depositToAccountId: string; memo?: string; externalGuid?: string; lines: readonly DepositLineInput[] }): SimDeposit {
    const account = this.account(input.depositToAccountId);
    if (input.lines.length === 0) throw new SimStatusError(3210, 'A deposit needs at least one line.');
    const waiting = new Set(this.paymentsToDeposit().map((p) => p.txnId));
    const lines: SimDepositLine[] = input.lines.map((line) => {
      if ('paymentId' in line) {
        const payment = this.payment(line.paymentId);
        if (!waiting.has(payment.txnId)) throw new SimStatusError(3210, `The payment "${payment.txnId}" is not in Undeposited Funds or is already deposited.`);
        waiting.delete(payment.txnId);
        return { txnLineId: this.nextTxnId(), paymentId: payment.txnId, amount: payment.totalAmount, memo: line.memo };
      }
      this.account(line.accountId);
      return { txnLineId: this.nextTxnId(), accountId: line.accountId, entityId: line.entityId, memo: line.memo, amount: line.amount };
    });
    const deposit: SimDeposit = {
      txnId: this.nextTxnId(),
      ...this.stamp(),
      txnNumber: ++this.txnNumber,
      txnDate: input.txnDate ?? this.clock.localDate(this.clock.now()),
      depositToAccountId: account.listId,
      memo: input.memo,
      externalGuid: input.externalGuid,
      lines,
    };
    this.deposits.set(deposit.txnId, deposit);
    for (const l of lines) if ('paymentId' in l) this.depositedIn.set(l.paymentId, deposit);
    return deposit;
  }

  depositTotal(deposit: SimDeposit): Money {
    return sumMoney(deposit.lines.map((l) => l.amount));
  }

  /** JournalEntryAdd, after QuickBooks' checks (checkJournalLines). */
  addJournalEntry(input: {
    txnDate?: string;
    refNumber?: string;
    memo?: string;
    isAdjustment?: boolean;
    externalGuid?: string;
    lines: readonly JournalLineInput[];
  }): SimJournalEntry {
    checkJournalLines(this, input.lines);
    const entry: SimJournalEntry = {
      txnId: this.nextTxnId(),
      ...this.stamp(),
      txnNumber: ++this.txnNumber,
      txnDate: input.txnDate ?? this.clock.localDate(this.clock.now()),
      refNumber: input.refNumber,
      memo: input.memo,
      isAdjustment: input.isAdjustment,
      externalGuid: input.externalGuid,
      lines: input.lines.map((l) => ({
        txnLineId: this.nextTxnId(),
        side: l.side,
        accountId: l.accountId,
        amount: l.amount,
        entityId: l.entityId,
        memo: l.memo,
      })),
    };
    this.journalEntries.set(entry.txnId, entry);
    return entry;
  }

  journalEntry(txnId: string): SimJournalEntry {
    const entry = this.journalEntries.get(txnId);
    if (!entry) throw notFound(txnId);
    return entry;
  }

  /**
   * TxnDel. Deleting an invoice or a journal entry unapplies what was applied to it (payments
   * keep the money as unused credit). A payment that sits in a deposit cannot be deleted: the
   * deposit locks it (../shared/reference/qbwc-qbxml.md §6.8; the status code is UNVERIFIED, 3210 is our choice).
   */
  deleteTxn(txnDelType: string, txnId: string): SimDeletedTxn {
    this.revision++;
    const stores: Record<string, Map<string, Stamped & { txnId: string; refNumber?: string }>> = {
      Invoice: this.invoices,
      ReceivePayment: this.payments,
      CreditMemo: this.creditMemos,
      Deposit: this.deposits,
      JournalEntry: this.journalEntries,
    };
    const store = stores[txnDelType];
    const record = store?.get(txnId);
    if (!store || !record) throw notFound(txnId);
    if (txnDelType === 'ReceivePayment' && this.depositOf(txnId)) {
      throw new SimStatusError(3210, `The payment "${txnId}" has been deposited. QuickBooks error message: Remove it from its deposit before deleting it.`);
    }
    if (txnDelType === 'Invoice' || txnDelType === 'JournalEntry') this.unapplyAllFrom(txnId);
    if (txnDelType === 'ReceivePayment' || txnDelType === 'CreditMemo') this.unlink(record as SimPayment | SimCreditMemo);
    if (txnDelType === 'Deposit') for (const l of (record as SimDeposit).lines) if ('paymentId' in l) this.depositedIn.delete(l.paymentId);
    store.delete(txnId);
    const deleted: SimDeletedTxn = { txnDelType, txnId, created: record.created, deleted: this.clock.now(), refNumber: record.refNumber };
    this.deletedTxns.push(deleted);
    return deleted;
  }

  /** Deletion records younger than 90 days: QuickBooks forgets older ones. */
  recentDeletions<T extends { deleted: Date }>(log: readonly T[]): T[] {
    const cutoff = this.clock.now().getTime() - DELETED_RETENTION_DAYS * 86_400_000;
    return log.filter((d) => d.deleted.getTime() >= cutoff);
  }

  /**
   * What a customer owes (see customerBalancesOf). Computed for every customer in one pass and
   * kept until the company changes (QuickBooks keeps the figure too), so a page of 100
   * customers does not walk every invoice 100 times.
   */
  customerBalance(customerId: string): Money {
    return this.customerBalances().get(customerId) ?? ZERO_MONEY;
  }

  /** What all customers owe together: the Accounts Receivable balance. */
  receivablesTotal(): Money {
    return sumMoney(this.customerBalances().values());
  }

  private customerBalances(): ReadonlyMap<string, Money> {
    if (this.balancesAt !== this.revision) {
      this.balances = customerBalancesOf(this);
      this.balancesAt = this.revision;
    }
    return this.balances;
  }
}
