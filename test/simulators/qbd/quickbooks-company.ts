import { Money, ZERO_MONEY, sumMoney } from '../../../core/values/money';
import { accountBalanceOf } from './account-balances';
import { DELETED_RETENTION_DAYS } from './company-inputs';
import { CompanyEstimates } from './company-estimates';
import { customerBalancesOf } from './customer-balances';
import { SimClock } from './sim-clock';
import { SimCreditMemo, SimDeletedTxn, SimDeposit, SimPayment, Stamped } from './sim-records';
import { SimStatusError, notFound } from './sim-status-error';

export { DELETED_RETENTION_DAYS } from './company-inputs';
export type { CompanyCounters, DepositLineInput, JournalLineInput, LineInput, SimReceivable } from './company-inputs';

/**
 * An in-memory QuickBooks company file. Balances are never stored: an invoice's applied
 * amount, balance and IsPaid, a payment's unused amount and a credit's remaining amount are
 * derived from the applications every time, so they cannot drift as payments and credits
 * come and go.
 *
 * Each kind of record keeps its rules in a layer of its own (company-ledger.ts up to
 * company-estimates.ts); this last layer holds what spans them all: the default chart of
 * accounts, TxnDel, and the balances derived from every transaction.
 */
export class QuickBooksCompany extends CompanyEstimates {
  private balancesAt = -1;
  private balances: ReadonlyMap<string, Money> = new Map();

  constructor(clock: SimClock, companyName = 'Simulated Company') {
    super(clock, companyName);
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

  /** An account's balance, derived every time (see accountBalanceOf for the rules). */
  accountBalance(listId: string): Money {
    return accountBalanceOf(this, this.account(listId));
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
      Estimate: this.estimates,
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
