import type { Payment } from '../../../../core/items/payment';
import type { Money } from '../../../../core/values/money';

/**
 * What the partner reads about a payment that failed after it was paid out. Its deposit matches
 * the bank, so the payment is never deleted (that would shrink the deposit): the return is posted
 * as money leaving the bank, with the invoice owed again (ADR 0008).
 */
export function returnPosted(amount: Money, journalTxnId: string, depositTxnId: string): string {
  return (
    `The payment of ${amount} failed after its payout, so its return was recorded in QuickBooks: journal entry ${journalTxnId} takes ${amount} out of the bank ` +
    `and puts it back on the customer's balance, and the payment now applies to that entry, so the invoice is owed again. Deposit ${depositTxnId} is unchanged and still matches the bank.`
  );
}

/** The return could not be posted: what stopped it, and what to record by hand instead. */
export function returnCouldNotBePosted(payment: Payment | undefined, depositTxnId: string, why: string): string {
  const amount = payment ? ` of ${payment.amount}` : '';
  return (
    `This payment${amount} failed after it was paid out in QuickBooks deposit ${depositTxnId}, which matches your bank, so it was not deleted; ` +
    `its return could not be recorded automatically: ${why}. Record it by hand: a journal entry that credits the bank account and debits Accounts Receivable ` +
    'for the customer, then apply the payment to that entry so the invoice is owed again.'
  );
}
