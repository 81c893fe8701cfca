import { Problem } from '../../../core/errors/app-error';
import { CompanySnapshot } from './company-snapshot';

/** What the records name must exist: a file edited by hand could otherwise fail deep inside a query. */
export function referenceProblems(s: CompanySnapshot, file: string): Problem[] {
  const problems: Problem[] = [];
  const customers = new Set(s.customers.map((c) => c.listId));
  const accounts = new Set(s.accounts.map((a) => a.listId));
  const payments = new Set(s.payments.map((p) => p.txnId));
  const receivables = new Set([...s.invoices.map((i) => i.txnId), ...s.journalEntries.map((j) => j.txnId)]);
  const check = (ok: boolean, at: string, message: string) => ok || problems.push({ at: `${file}: ${at}`, message });
  for (const [key, records] of [
    ['invoices', s.invoices],
    ['creditMemos', s.creditMemos],
    ['payments', s.payments],
    ['estimates', s.estimates],
  ] as const) {
    records.forEach((t, i) => check(customers.has(t.customerId), `${key}[${i}].customerId`, 'names no customer of the company'));
  }
  for (const [key, records] of [
    ['creditMemos', s.creditMemos],
    ['payments', s.payments],
  ] as const) {
    records.forEach((t, i) =>
      t.applications.forEach((a, j) =>
        check(receivables.has(a.invoiceId), `${key}[${i}].applications[${j}].invoiceId`, 'names no invoice or journal entry of the company'),
      ),
    );
  }
  s.payments.forEach((p, i) => check(accounts.has(p.depositToAccountId), `payments[${i}].depositToAccountId`, 'names no account of the company'));
  s.deposits.forEach((d, i) =>
    d.lines.forEach((l, j) =>
      check(
        'paymentId' in l ? payments.has(l.paymentId) : accounts.has(l.accountId),
        `deposits[${i}].lines[${j}]`,
        'names no payment or account of the company',
      ),
    ),
  );
  s.journalEntries.forEach((e, i) =>
    e.lines.forEach((l, j) => check(accounts.has(l.accountId), `journalEntries[${i}].lines[${j}].accountId`, 'names no account of the company')),
  );
  return problems;
}
