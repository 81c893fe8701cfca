import { ZERO_MONEY, compareMoney, sumMoney } from '../../../core/values/money';
import type { JournalLineInput } from './company-inputs';
import type { CompanyLists } from './company-lists';
import { SimStatusError } from './sim-status-error';

/**
 * What QuickBooks refuses in a JournalEntryAdd. Every code here is our choice (UNVERIFIED):
 * 3210, the "invalid value" status, because the sync treats it as a permanent refusal.
 * QuickBooks may answer some of these with 3180 ("There was an error when saving a Journal
 * Entry…"), which the sync's status table reads as a lock to retry.
 */
export function checkJournalLines(company: CompanyLists, lines: readonly JournalLineInput[]): void {
  if (lines.length === 0) throw new SimStatusError(3210, 'A journal entry needs at least one debit and one credit line.');
  for (const line of lines) {
    company.account(line.accountId);
    if (line.entityId) company.customer(line.entityId);
    // Intuit: never send a negative amount; the side says which way it goes.
    if (compareMoney(line.amount, ZERO_MONEY) < 0)
      throw new SimStatusError(3210, `The "Amount" field has an invalid value "${line.amount}": journal amounts are never negative.`);
  }
  const total = (side: JournalLineInput['side']) => sumMoney(lines.filter((l) => l.side === side).map((l) => l.amount));
  if (compareMoney(total('debit'), total('credit')) !== 0) {
    throw new SimStatusError(
      3210,
      `There was an error when saving a Journal Entry. QuickBooks error message: Transaction not in balance (debits ${total('debit')}, credits ${total('credit')}).`,
    );
  }
  const receivables = lines.filter((l) => company.isReceivablesAccount(l.accountId));
  if (receivables.some((l) => !l.entityId)) {
    throw new SimStatusError(
      3210,
      'There was an error when saving a Journal Entry. QuickBooks error message: You must choose a customer in the Name field of a line that uses an Accounts Receivable account.',
    );
  }
  if (receivables.length > 1) {
    throw new SimStatusError(
      3210,
      'There was an error when saving a Journal Entry. QuickBooks error message: A journal entry can use Accounts Receivable on one line only.',
    );
  }
}
