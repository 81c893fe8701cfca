import { Money, ZERO_MONEY, compareMoney, moneyFromCents, moneyToCents, subtractMoney, sumMoney } from '../../../core/values/money';
import { SimClock } from './sim-clock';
import {
  SimAccount, SimApplication, SimCreditMemo, SimCustomer, SimDeletedList, SimDeletedTxn, SimDeposit, SimDepositLine, SimInvoice, SimLine, SimPayment, Stamped,
} from './sim-records';
import { SimStatusError, badReference, notFound } from './sim-status-error';

/** QuickBooks keeps deletion records for about 90 days (reference §6.9, VENDOR). */
export const DELETED_RETENTION_DAYS = 90;

export interface LineInput {
  readonly itemName: string;
  readonly desc?: string;
  readonly quantity?: string;
  readonly rate?: string;
  readonly amount: Money;
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
  readonly deletedTxns: SimDeletedTxn[] = [];
  readonly deletedLists: SimDeletedList[] = [];
  /** Names in other lists (vendors, employees): QuickBooks' names are unique across all of them. */
  readonly otherNames = new Set<string>();
  private listCounter = 0x80000000;
  private txnCounter = 0x100;
  private txnNumber = 0;
  private lastEditSequence = 0;
  /** Which payments and credit memos apply to each invoice: where to look, not how much. */
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

  // ---- ids and stamps: ListID/TxnID are `<hex>-<epoch seconds>`, EditSequence epoch seconds (reference §7.2)

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
  private balances = new Map<string, Money>();

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

  addAccount(input: { name: string; accountType: string; specialAccountType?: string; parentId?: string; isActive?: boolean; accountNumber?: string }): SimAccount {
    const parent = input.parentId ? this.account(input.parentId) : undefined;
    const fullName = parent ? `${parent.fullName}:${input.name}` : input.name;
    if ([...this.accounts.values()].some((a) => a.fullName.toLowerCase() === fullName.toLowerCase())) {
      throw new SimStatusError(3100, `The name "${input.name}" of the list element is already in use.`);
    }
    const account: SimAccount = { listId: this.nextListId(), ...this.stamp(), name: input.name, fullName, parentId: parent?.listId, isActive: input.isActive ?? true, accountType: input.accountType, specialAccountType: input.specialAccountType, accountNumber: input.accountNumber };
    this.accounts.set(account.listId, account);
    return account;
  }

  account(listId: string): SimAccount {
    const account = this.accounts.get(listId);
    if (!account) throw notFound(listId);
    return account;
  }

  findAccount(ref: { listId?: string; fullName?: string }, inTxn: string): SimAccount {
    const found = ref.listId ? this.accounts.get(ref.listId) : [...this.accounts.values()].find((a) => a.fullName.toLowerCase() === ref.fullName?.toLowerCase());
    if (!found) throw badReference('Account', ref.listId ?? ref.fullName ?? '', inTxn);
    return found;
  }

  get undepositedFunds(): SimAccount {
    return [...this.accounts.values()].find((a) => a.specialAccountType === 'UndepositedFunds')!;
  }

  private nameInUse(fullName: string, except?: string): boolean {
    const lower = fullName.toLowerCase();
    return [...this.customers.values()].some((c) => c.listId !== except && c.fullName.toLowerCase() === lower) || [...this.otherNames].some((n) => n.toLowerCase() === lower);
  }

  addCustomer(input: { name: string; parentId?: string; isActive?: boolean; companyName?: string; firstName?: string; lastName?: string; email?: string; phone?: string; externalGuid?: string }): SimCustomer {
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
    const found = ref.listId ? this.customers.get(ref.listId) : [...this.customers.values()].find((c) => c.fullName.toLowerCase() === ref.fullName?.toLowerCase());
    if (!found) throw badReference('Customer', ref.listId ?? ref.fullName ?? '', inTxn);
    return found;
  }

  /** CustomerMod's rules: the caller's EditSequence must be current (else 3200), the name free (else 3100). */
  modifyCustomer(listId: string, editSequence: string, changes: Partial<Pick<SimCustomer, 'name' | 'isActive' | 'companyName' | 'email' | 'phone' | 'firstName' | 'lastName'>>): SimCustomer {
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
    const used = [...this.invoices.values(), ...this.payments.values(), ...this.creditMemos.values()].some((t) => t.customerId === listId);
    const hasJobs = [...this.customers.values()].some((c) => c.parentId === listId);
    if (used || hasJobs) throw new SimStatusError(3170, `There was an error when deleting Customer "${customer.fullName}". QuickBooks error message: This object cannot be deleted because it is used.`);
    this.customers.delete(listId);
    this.deletedLists.push({ listDelType: 'Customer', listId, created: customer.created, deleted: this.clock.now(), fullName: customer.fullName });
  }

  // ---- transactions

  private lines(inputs: readonly LineInput[]): SimLine[] {
    return inputs.map((l) => ({ txnLineId: this.nextTxnId(), ...l }));
  }

  addInvoice(input: { customerId: string; txnDate?: string; dueDate?: string; refNumber?: string; memo?: string; lines: readonly LineInput[]; salesTaxTotal?: Money }): SimInvoice {
    this.customer(input.customerId);
    const invoice: SimInvoice = {
      txnId: this.nextTxnId(), ...this.stamp(), txnNumber: ++this.txnNumber, customerId: input.customerId,
      txnDate: input.txnDate ?? this.clock.localDate(this.clock.now()), dueDate: input.dueDate, refNumber: input.refNumber, memo: input.memo,
      lines: this.lines(input.lines), salesTaxTotal: input.salesTaxTotal ?? ZERO_MONEY,
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
    for (const t of this.appliedBy.get(txnId) ?? []) {
      t.applications = t.applications.filter((a) => a.invoiceId !== txnId);
      this.touch(t);
    }
    this.appliedBy.delete(txnId);
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
    Object.assign(invoice, rest);
    if (lines) {
      invoice.lines = this.lines(lines);
      if (compareMoney(this.invoiceTotal(invoice), this.invoiceApplied(invoice)) < 0) {
        throw new SimStatusError(3210, 'The invoice total cannot be less than the payments and credits applied to it.');
      }
    }
    this.touch(invoice);
    return invoice;
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

  /** Every payment and credit application to an invoice, with the transaction it came from. */
  applicationsTo(invoiceId: string): (SimApplication & { from: SimPayment | SimCreditMemo; type: 'ReceivePayment' | 'CreditMemo' })[] {
    const result = [];
    for (const from of this.appliedBy.get(invoiceId) ?? []) {
      const type = this.payments.has(from.txnId) ? ('ReceivePayment' as const) : ('CreditMemo' as const);
      for (const a of from.applications) if (a.invoiceId === invoiceId) result.push({ ...a, from, type });
    }
    return result;
  }

  private link(txn: SimPayment | SimCreditMemo): void {
    for (const a of txn.applications) this.appliedBy.set(a.invoiceId, (this.appliedBy.get(a.invoiceId) ?? new Set()).add(txn));
  }

  private unlink(txn: SimPayment | SimCreditMemo): void {
    for (const a of txn.applications) this.appliedBy.get(a.invoiceId)?.delete(txn);
  }

  private checkApplications(customerId: string, applications: readonly SimApplication[], available: Money, what: string): void {
    if (new Set(applications.map((a) => a.invoiceId)).size !== applications.length) {
      throw new SimStatusError(3210, `The "AppliedToTxnAdd" field has an invalid value: each transaction may be paid only once in a ${what}.`);
    }
    for (const a of applications) {
      const invoice = this.invoices.get(a.invoiceId);
      if (!invoice) throw notFound(a.invoiceId);
      if (invoice.customerId !== customerId) throw new SimStatusError(3210, `The transaction "${a.invoiceId}" does not belong to this customer.`);
      if (compareMoney(a.amount, this.invoiceBalance(invoice)) > 0) {
        throw new SimStatusError(3210, `The "AppliedToTxnAdd payment amount" field has an invalid value "${a.amount}". QuickBooks error message: You cannot pay more than the amount due.`);
      }
    }
    if (compareMoney(sumMoney(applications.map((a) => a.amount)), available) > 0) {
      throw new SimStatusError(3210, `The amounts applied add up to more than the ${what} total.`);
    }
  }

  /** Open invoices of a customer, oldest first: where IsAutoApply puts the money. */
  private autoApply(customerId: string, amount: Money): SimApplication[] {
    const open = [...this.invoices.values()].filter((i) => i.customerId === customerId && compareMoney(this.invoiceBalance(i), ZERO_MONEY) > 0);
    // An open invoice of exactly the amount wins (reference §6.6); otherwise oldest first.
    const exact = open.find((i) => compareMoney(this.invoiceBalance(i), amount) === 0);
    if (exact) return [{ invoiceId: exact.txnId, amount }];
    open.sort((a, b) => a.txnDate.localeCompare(b.txnDate) || a.txnNumber - b.txnNumber);
    let left = moneyToCents(amount);
    const applications: SimApplication[] = [];
    for (const invoice of open) {
      if (left <= 0n) break;
      const take = [left, moneyToCents(this.invoiceBalance(invoice))].reduce((x, y) => (x < y ? x : y));
      applications.push({ invoiceId: invoice.txnId, amount: moneyFromCents(take) });
      left -= take;
    }
    return applications;
  }

  /**
   * ReceivePaymentAdd. Applying a payment changes the invoices' balances but, here, not their
   * TimeModified: the reference says a sync must not rely on it (UNVERIFIED whether QuickBooks
   * touches it), so the simulator takes the harder case.
   */
  receivePayment(input: {
    customerId: string; txnDate?: string; refNumber?: string; totalAmount: Money; paymentMethod?: string; memo?: string;
    depositToAccountId?: string; externalGuid?: string; applications?: readonly SimApplication[];
  }): SimPayment {
    this.customer(input.customerId);
    const depositTo = input.depositToAccountId ? this.account(input.depositToAccountId) : this.undepositedFunds;
    const applications = input.applications ? [...input.applications] : this.autoApply(input.customerId, input.totalAmount);
    this.checkApplications(input.customerId, applications, input.totalAmount, 'payment');
    const payment: SimPayment = {
      txnId: this.nextTxnId(), ...this.stamp(), txnNumber: ++this.txnNumber, customerId: input.customerId,
      txnDate: input.txnDate ?? this.clock.localDate(this.clock.now()), refNumber: input.refNumber, totalAmount: input.totalAmount,
      paymentMethod: input.paymentMethod, memo: input.memo, depositToAccountId: depositTo.listId, externalGuid: input.externalGuid, applications,
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

  paymentUnused(payment: SimPayment): Money {
    return subtractMoney(payment.totalAmount, sumMoney(payment.applications.map((a) => a.amount)));
  }

  depositOf(paymentId: string): SimDeposit | undefined {
    return this.depositedIn.get(paymentId);
  }

  addCreditMemo(input: { customerId: string; txnDate?: string; refNumber?: string; memo?: string; lines: readonly LineInput[]; salesTaxTotal?: Money; applications?: readonly SimApplication[] }): SimCreditMemo {
    this.customer(input.customerId);
    const lines = this.lines(input.lines);
    const total = sumMoney([...lines.map((l) => l.amount), input.salesTaxTotal ?? ZERO_MONEY]);
    const applications = [...(input.applications ?? [])];
    this.checkApplications(input.customerId, applications, total, 'credit memo');
    const memo: SimCreditMemo = {
      txnId: this.nextTxnId(), ...this.stamp(), txnNumber: ++this.txnNumber, customerId: input.customerId,
      txnDate: input.txnDate ?? this.clock.localDate(this.clock.now()), refNumber: input.refNumber, memo: input.memo, lines,
      salesTaxTotal: input.salesTaxTotal ?? ZERO_MONEY, applications,
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
    const deposit: SimDeposit = { txnId: this.nextTxnId(), ...this.stamp(), txnNumber: ++this.txnNumber, txnDate: input.txnDate ?? this.clock.localDate(this.clock.now()), depositToAccountId: account.listId, memo: input.memo, externalGuid: input.externalGuid, lines };
    this.deposits.set(deposit.txnId, deposit);
    for (const l of lines) if ('paymentId' in l) this.depositedIn.set(l.paymentId, deposit);
    return deposit;
  }

  depositTotal(deposit: SimDeposit): Money {
    return sumMoney(deposit.lines.map((l) => l.amount));
  }

  /**
   * TxnDel. Deleting an invoice unapplies what was applied to it (payments keep the money as
   * unused credit). A payment that sits in a deposit cannot be deleted: the deposit locks it
   * (reference §6.8; the status code is UNVERIFIED, 3210 is our choice).
   */
  deleteTxn(txnDelType: string, txnId: string): SimDeletedTxn {
    this.revision++;
    const stores: Record<string, Map<string, Stamped & { txnId: string; refNumber?: string }>> = {
      Invoice: this.invoices, ReceivePayment: this.payments, CreditMemo: this.creditMemos, Deposit: this.deposits,
    };
    const store = stores[txnDelType];
    const record = store?.get(txnId);
    if (!store || !record) throw notFound(txnId);
    if (txnDelType === 'ReceivePayment' && this.depositOf(txnId)) {
      throw new SimStatusError(3210, `The payment "${txnId}" has been deposited. QuickBooks error message: Remove it from its deposit before deleting it.`);
    }
    if (txnDelType === 'Invoice') {
      for (const t of this.appliedBy.get(txnId) ?? []) {
        t.applications = t.applications.filter((a) => a.invoiceId !== txnId);
        this.touch(t);
      }
      this.appliedBy.delete(txnId);
    }
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

  /** What a customer owes: open invoice balances less unused payments and credits. */
  /**
   * What a customer owes: its invoices' balances less unused payments and credits. Computed
   * for every customer in one pass and kept until the company changes (QuickBooks keeps the
   * figure too), so a page of 100 customers does not walk every invoice 100 times.
   */
  customerBalance(customerId: string): Money {
    if (this.balancesAt !== this.revision) {
      const owed = new Map<string, Money[]>();
      const add = (id: string, amount: Money) => owed.set(id, [...(owed.get(id) ?? []), amount]);
      for (const i of this.invoices.values()) add(i.customerId, this.invoiceBalance(i));
      for (const p of this.payments.values()) add(p.customerId, subtractMoney(ZERO_MONEY, this.paymentUnused(p)));
      for (const c of this.creditMemos.values()) add(c.customerId, subtractMoney(ZERO_MONEY, this.creditRemaining(c)));
      this.balances = new Map([...owed].map(([id, amounts]) => [id, sumMoney(amounts)]));
      this.balancesAt = this.revision;
    }
    return this.balances.get(customerId) ?? ZERO_MONEY;
  }
}
