import type { Payment } from '../../../../core/items/payment';
import type { OutboxRow } from '../../../../core/store/outbox';

/**
 * What the partner must do about a payment that failed after its payout: it sits in a deposit
 * that matches the bank, so it is not deleted (that would shrink the deposit). The return has
 * to be recorded as money leaving the bank, with the invoice owed again. Posting that return
 * ourselves (a journal entry) is the money issue's next step; until then the partner is told
 * exactly what to record.
 */
export function depositedPaymentFailed(payment: Payment | undefined, payout: OutboxRow): string {
  const amount = payment ? ` of ${payment.amount}` : '';
  const where = payout.state === 'done' && payout.target_id ? `QuickBooks deposit ${payout.target_id}` : 'a payout whose deposit is on its way to QuickBooks';
  return (
    `This payment${amount} failed after it was paid out: it is in ${where}, which matches your bank, so it was not deleted from QuickBooks. ` +
    'Record the return instead: a journal entry that credits the bank account and debits Accounts Receivable for the customer, then apply the payment to that entry so the invoice is owed again.'
  );
}
