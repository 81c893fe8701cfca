import { AppError } from '../../../core/errors/app-error';
import type { Payment } from '../../../core/items/payment';
import { depositRowsHolding, latestRow } from '../../../core/store/outbox';
import { readEntity, writeEntity } from '../client/qbo-calls';
import { faultOf } from '../client/qbo-fault';
import type { QboClient } from '../client/qbo-client';
import { WriteEnd, defineQboWriter, requestIdOf } from './qbo-writer';

/** A deposit holds it: deleting the payment would change a deposit that matches the bank. */
function depositedMessage(payment: Payment | undefined, paymentId: string, depositId?: string): string {
  const amount = payment ? ` of ${payment.amount}` : '';
  const where = depositId ? ` (deposit ${depositId})` : '';
  return (
    `This payment${amount} failed in Alternative, but QuickBooks Online has already deposited it${where}, so it was not deleted ` +
    `(that would change a deposit that matches your bank). Record the return instead: in QuickBooks Online, add a journal entry that ` +
    `credits the bank account and debits Accounts Receivable for the customer, then apply payment ${paymentId} to that entry so the invoice is owed again.`
  );
}

/** Reads the payment for its current SyncToken and deletes it; `gone` when QBO no longer has it (610). */
async function deletePayment(client: QboClient, paymentId: string, requestId: string, signal?: AbortSignal): Promise<'deleted' | 'gone'> {
  let current;
  try {
    current = await readEntity(client, 'Payment', paymentId, signal);
  } catch (error) {
    if (faultOf(error)?.code === '610') return 'gone';
    throw error;
  }
  await writeEntity(
    client,
    { entity: 'Payment', operation: 'delete', requestId, body: { Id: paymentId, SyncToken: current.SyncToken }, what: `the delete of payment ${paymentId}` },
    signal,
  );
  return 'deleted';
}

/**
 * A payment that failed on the platform, deleted from QBO (reference §6.4, SyncToken read fresh
 * first). Never sent: nothing to undo. In a payout: not deleted, the partner is told how to
 * record the return. A stale SyncToken (5010: someone edited it meanwhile) is read again and
 * tried once more, under the retry's own requestid.
 */
export const paymentDeleteWriter = defineQboWriter({
  operation: 'payment-delete',
  what: 'payments reverted',
  logAs: 'delete',
  async write({ em, client, signal }, row): Promise<WriteEnd> {
    const added = await latestRow(em, row.connection_id, 'payment', row.source_id, 'payment-create');
    if (!added || added.state === 'cancelled') return { state: 'done', message: 'Nothing reached QuickBooks Online, so there was nothing to undo.' };
    if (added.state === 'needs-action')
      return {
        state: 'needs-action',
        message: 'This payment failed. QuickBooks Online never took it from us; if you recorded it in QuickBooks Online by hand, delete it there.',
      };
    if (!added.target_id) return 'wait';
    const payment = added.payload as unknown as Payment;
    const payout = (await depositRowsHolding(em, row.connection_id, row.source_id)).find((d) => d.state === 'done');
    if (payout) return { state: 'needs-action', message: depositedMessage(payment, added.target_id, payout.target_id ?? undefined) };
    for (let retry = 0; ; retry++) {
      try {
        const done = await deletePayment(client, added.target_id, requestIdOf(row, retry), signal);
        return { state: 'done', targetId: added.target_id, message: done === 'gone' ? 'The payment was already gone from QuickBooks Online.' : undefined };
      } catch (error) {
        const code = faultOf(error)?.code;
        if (code === '5010' && retry === 0) continue;
        if (code === '6540') return { state: 'needs-action', message: depositedMessage(payment, added.target_id) };
        throw error;
      }
    }
  },
  refusal: (refused: AppError) => `QuickBooks Online did not delete this failed payment: ${refused.userMessage} Delete it in QuickBooks Online by hand.`,
});
