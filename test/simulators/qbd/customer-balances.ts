import { Money, ZERO_MONEY, subtractMoney, sumMoney } from '../../../core/values/money';
import type { QuickBooksCompany } from './quickbooks-company';

/**
 * What each customer owes: its invoices' and A/R journal debits' open balances, less A/R
 * journal credits and unused payments and credits. Derived from the transactions, never stored.
 */
export function customerBalancesOf(company: QuickBooksCompany): Map<string, Money> {
  const owed = new Map<string, Money[]>();
  const add = (id: string, amount: Money) => owed.set(id, [...(owed.get(id) ?? []), amount]);
  for (const i of company.invoices.values()) add(i.customerId, company.invoiceBalance(i));
  for (const p of company.payments.values()) add(p.customerId, subtractMoney(ZERO_MONEY, company.paymentUnused(p)));
  for (const c of company.creditMemos.values()) add(c.customerId, subtractMoney(ZERO_MONEY, company.creditRemaining(c)));
  for (const e of company.journalEntries.values()) {
    for (const l of e.lines) {
      if (!l.entityId || !company.isReceivablesAccount(l.accountId)) continue;
      // The debit is a receivable (payments reduce it); an A/R credit lowers what the customer owes.
      add(l.entityId, l.side === 'debit' ? company.receivableBalance(company.receivable(e.txnId)!) : subtractMoney(ZERO_MONEY, l.amount));
    }
  }
  return new Map([...owed].map(([id, amounts]) => [id, sumMoney(amounts)]));
}
