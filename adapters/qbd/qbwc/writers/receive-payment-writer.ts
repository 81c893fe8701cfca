import type { Payment } from '../../../../core/items/payment';
import { markOutbox, openRowsFor } from '../../../../core/store/outbox';
import type { ReceivePaymentRecord } from '../../qbxml/records/receive-payment-record';
import { buildTxnQuery } from '../../qbxml/requests/txn-queries';
import { buildReceivePaymentAdd } from '../../qbxml/requests/write-requests';
import { bracedUuid } from '../steps/phased-write';
import { quickBooksIdOf } from '../steps/quickbooks-id-of';
import { WriterContext, defineWriter, markSent, settleRow } from './simple-writer';

/**
 * Our operation id, carried into QuickBooks as the payment's RefNumber (at most 20 characters)
 * so that a write whose answer was lost can be found before it is sent again.
 */
export function operationRef(outboxId: string): string {
  return `ALT-${outboxId.replace(/-/g, '').slice(0, 16).toUpperCase()}`;
}

/** The QuickBooks ids a payment names: a customer or invoice made on the platform has one once our add of it is done. */
async function paymentIds(
  { em, connectionId }: WriterContext,
  payment: Payment,
): Promise<{ customer: string; invoices: string[] } | 'wait' | { missing: string }> {
  const found = [
    await quickBooksIdOf(em, connectionId, 'customer', payment.customerId),
    ...(await Promise.all(payment.applications.map((a) => quickBooksIdOf(em, connectionId, 'invoice', a.invoiceId)))),
  ];
  if (found.includes('wait')) return 'wait';
  const missing = found.find((f): f is { missing: string } => f !== 'wait' && 'missing' in f);
  if (missing) return missing;
  const [customer, ...invoices] = found.map((f) => (f as { id: string }).id);
  return { customer, invoices };
}

/**
 * A payment received on the platform, as a ReceivePayment applied to its invoices, into the
 * account the partner chose. Ours is found by its RefNumber (a query by RefNumber returns only
 * those). A payment that failed before it went is never sent.
 */
export const receivePaymentWriter = defineWriter({
  operation: 'receive-payment',
  what: 'payments',
  logAs: 'add',
  needsPaymentAccount: true,
  async request(context, row) {
    const { em, now, settings } = context;
    if (row.state === 'sent') {
      await markSent(context, row, 'lookup');
      return buildTxnQuery('receivePayment', { requestId: context.requestId, select: { refNumbers: [operationRef(row.id)] } });
    }
    if ((await openRowsFor(em, row.connection_id, 'payment', row.source_id)).some((r) => r.operation === 'delete-payment')) {
      await markOutbox(em, row.id, { state: 'cancelled', message: 'The payment failed before it reached QuickBooks.' }, now);
      return 'skip';
    }
    const payment = row.payload as unknown as Payment;
    const ids = await paymentIds(context, payment);
    if (ids === 'wait') return 'wait';
    if ('missing' in ids) {
      await settleRow(em, row, { state: 'needs-action', message: `QuickBooks cannot take this payment: ${ids.missing}.` }, now, 'add');
      return 'skip';
    }
    await markSent(context, row, 'add');
    return buildReceivePaymentAdd({
      requestId: context.requestId,
      customer: { listId: ids.customer },
      txnDate: payment.receivedOn,
      refNumber: operationRef(row.id),
      totalAmount: payment.amount,
      memo: `Alternative Payments payment ${payment.id}${payment.reference ? ` (${payment.reference})` : ''}`,
      depositToAccount: { listId: settings.paymentAccountId! }, // the outbox step holds it back while unset
      externalGuid: bracedUuid(row.id),
      applyTo: payment.applications.map((a, i) => ({ txnId: ids.invoices[i], amount: a.amount })),
    });
  },
  isOurs: (r) => r.type === 'ReceivePaymentRet',
  idOf: (r) => (r as ReceivePaymentRecord).txnId,
  // A reconciliation exception on the record, not a retry.
  refusal: (statusClass, refused) =>
    statusClass === 'invalid-value' || statusClass === 'not-found'
      ? `Reconciliation needed: the invoice was paid, changed or removed in QuickBooks, so this payment no longer fits it. Record the payment in QuickBooks by hand (as a credit if nothing is owed) or refund it. ${refused}`
      : refused,
});
