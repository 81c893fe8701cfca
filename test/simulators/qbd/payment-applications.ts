import { Money, ZERO_MONEY, compareMoney, moneyFromCents, moneyToCents, sumMoney } from '../../../core/values/money';
import type { CompanyReceivables } from './company-receivables';
import { SimApplication } from './sim-records';
import { SimStatusError, notFound } from './sim-status-error';

/**
 * ReceivePaymentAdd's rules for where money may go, also used by credit memos and by
 * ReceivePaymentMod: each receivable (an invoice, or a journal entry's open A/R debit) once,
 * of this customer, no more than its open balance, and no more in all than `available`.
 * Balances are read as they stand, so a caller that re-applies a payment unlinks it first.
 */
export function checkApplications(
  company: CompanyReceivables,
  customerId: string,
  applications: readonly SimApplication[],
  available: Money,
  what: string,
): void {
  if (new Set(applications.map((a) => a.invoiceId)).size !== applications.length) {
    throw new SimStatusError(3210, `The "AppliedToTxnAdd" field has an invalid value: each transaction may be paid only once in a ${what}.`);
  }
  for (const a of applications) {
    const target = company.receivable(a.invoiceId);
    if (!target) {
      // UNVERIFIED code: a journal entry with no open A/R debit exists but cannot be paid.
      if (company.journalEntries.has(a.invoiceId))
        throw new SimStatusError(3210, `The transaction "${a.invoiceId}" has no Accounts Receivable debit to apply a ${what} to.`);
      throw notFound(a.invoiceId);
    }
    if (target.customerId !== customerId) throw new SimStatusError(3210, `The transaction "${a.invoiceId}" does not belong to this customer.`);
    if (compareMoney(a.amount, company.receivableBalance(target)) > 0) {
      throw new SimStatusError(
        3210,
        `The "AppliedToTxnAdd payment amount" field has an invalid value "${a.amount}". QuickBooks error message: You cannot pay more than the amount due.`,
      );
    }
  }
  if (compareMoney(sumMoney(applications.map((a) => a.amount)), available) > 0) {
    throw new SimStatusError(3210, `The amounts applied add up to more than the ${what} total.`);
  }
}

/**
 * Where IsAutoApply puts a payment: an open invoice of exactly the amount (../shared/reference/qbwc-qbxml.md §6.6),
 * otherwise open invoices oldest first. Invoices only: an open A/R journal debit is paid only
 * when a request names it (UNVERIFIED whether QuickBooks' auto-apply considers it).
 */
export function autoApplications(company: CompanyReceivables, customerId: string, amount: Money): SimApplication[] {
  const open = [...company.invoices.values()].filter((i) => i.customerId === customerId && compareMoney(company.invoiceBalance(i), ZERO_MONEY) > 0);
  const exact = open.find((i) => compareMoney(company.invoiceBalance(i), amount) === 0);
  if (exact) return [{ invoiceId: exact.txnId, amount }];
  open.sort((a, b) => a.txnDate.localeCompare(b.txnDate) || a.txnNumber - b.txnNumber);
  let left = moneyToCents(amount);
  const applications: SimApplication[] = [];
  for (const invoice of open) {
    if (left <= 0n) break;
    const take = [left, moneyToCents(company.invoiceBalance(invoice))].reduce((x, y) => (x < y ? x : y));
    applications.push({ invoiceId: invoice.txnId, amount: moneyFromCents(take) });
    left -= take;
  }
  return applications;
}
