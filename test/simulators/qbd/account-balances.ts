import { Money, sumMoney, subtractMoney } from '../../../core/values/money';
import type { QuickBooksCompany } from './quickbooks-company';
import { SimAccount } from './sim-records';

/**
 * An account's balance, derived from the transactions every time (never stored), as debits
 * minus credits for every kind of account: money in a bank is positive, and so is a fee
 * expense; income drawn into a deposit is negative. UNVERIFIED: QuickBooks reports
 * credit-natured accounts (income, liabilities) with their own sign; the simulator keeps one
 * convention so that all balances add up to zero.
 *
 * - Accounts Receivable: what all customers owe (their balances, open A/R journal debits
 *   included).
 * - Any other account, Undeposited Funds included: payments deposited to it that sit in no
 *   deposit (a deposit takes them out of Undeposited Funds), plus the totals of deposits into
 *   it, minus account-shaped deposit lines drawn from it (a line of Amount a from Sales adds a
 *   to the bank and takes a from Sales; a fee line of -4.65 takes 4.65 from the bank and puts
 *   it on the fee account), plus journal debits, minus journal credits on it.
 *
 * Invoice lines post nowhere: the simulator's items carry no income account.
 */
export function accountBalanceOf(company: QuickBooksCompany, account: SimAccount): Money {
  if (account.accountType === 'AccountsReceivable') return company.receivablesTotal();
  const id = account.listId;
  const plus: Money[] = [];
  const minus: Money[] = [];
  for (const p of company.payments.values()) if (p.depositToAccountId === id && !company.depositOf(p.txnId)) plus.push(p.totalAmount);
  for (const d of company.deposits.values()) {
    if (d.depositToAccountId === id) plus.push(company.depositTotal(d));
    for (const l of d.lines) if ('accountId' in l && l.accountId === id) minus.push(l.amount);
  }
  for (const e of company.journalEntries.values()) {
    for (const l of e.lines) if (l.accountId === id) (l.side === 'debit' ? plus : minus).push(l.amount);
  }
  return subtractMoney(sumMoney(plus), sumMoney(minus));
}

/** AccountRet's TotalBalance: the account's own balance and all its sub-accounts'. */
export function accountTotalBalanceOf(company: QuickBooksCompany, account: SimAccount): Money {
  const prefix = `${account.fullName}:`;
  const family = [...company.accounts.values()].filter((a) => a.listId === account.listId || a.fullName.startsWith(prefix));
  return sumMoney(family.map((a) => accountBalanceOf(company, a)));
}
