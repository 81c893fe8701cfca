import type { Payment } from '../../../core/items/payment';
import { openRowsFor } from '../../../core/store/outbox';
import { writeEntity } from '../client/qbo-calls';
import { qboIdOf } from './qbo-id-of';
import { jsonAmount } from './qbo-json-amount';
import { defineQboWriter, requestIdOf } from './qbo-writer';

/**
 * A payment received on the platform, as a QBO Payment applied to its invoices (Line.LinkedTxn,
 * reference §5.3) into the account the partner chose, Undeposited Funds when none. Sent with the
 * row id as requestid: a re-send after a lost answer gets the first answer, not a second payment.
 */
export const paymentCreateWriter = defineQboWriter({
  operation: 'payment-create',
  what: 'payments',
  logAs: 'add',
  async write({ em, client, settings, signal }, row) {
    // Failed before it went: the revert queued behind it has nothing to undo.
    if (row.state === 'pending' && (await openRowsFor(em, row.connection_id, 'payment', row.source_id)).some((r) => r.operation === 'payment-delete'))
      return { state: 'cancelled', message: 'The payment failed before it reached QuickBooks Online.' };
    const payment = row.payload as unknown as Payment;
    const customer = qboIdOf('customer', payment.customerId);
    const invoices = payment.applications.map((a) => qboIdOf('invoice', a.invoiceId));
    const missing = [customer, ...invoices].find((f) => 'missing' in f);
    if (missing && 'missing' in missing) return { state: 'needs-action', message: `QuickBooks Online cannot take this payment: ${missing.missing}.` };
    const reference = payment.reference ? ` (${payment.reference})` : '';
    const created = await writeEntity(
      client,
      {
        entity: 'Payment',
        requestId: requestIdOf(row),
        what: `the payment ${payment.id}`,
        body: {
          CustomerRef: { value: (customer as { id: string }).id },
          TotalAmt: jsonAmount(payment.amount),
          TxnDate: payment.receivedOn,
          PrivateNote: `Alternative Payments payment ${payment.id}${reference}`,
          ...(settings.paymentAccountId ? { DepositToAccountRef: { value: settings.paymentAccountId } } : {}),
          Line: payment.applications.map((a, i) => ({
            Amount: jsonAmount(a.amount),
            LinkedTxn: [{ TxnId: (invoices[i] as { id: string }).id, TxnType: 'Invoice' }],
          })),
        },
      },
      signal,
    );
    return { state: 'done', targetId: created.Id };
  },
  refusal: (refused) =>
    `Reconciliation needed: the invoice was paid, changed or removed in QuickBooks Online, so this payment no longer fits it. Record the payment in QuickBooks Online by hand (as a credit if nothing is owed) or refund it. ${refused.userMessage}`,
});
