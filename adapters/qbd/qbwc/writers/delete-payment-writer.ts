import type { Payment } from '../../../../core/items/payment';
import { latestRow } from '../../../../core/store/outbox';
import { buildTxnDel } from '../../qbxml/requests/write-requests';
import { markInvoicesToRefresh } from '../../store/invoices-to-refresh';
import { defineWriter, markSent, settleRow } from './simple-writer';

/**
 * A payment that failed on the platform, deleted from QuickBooks. One that never reached
 * QuickBooks has nothing to undo; one QuickBooks refused asked the partner to act, perhaps to
 * record it by hand, which only the partner can undo. A payment in a payout never gets here:
 * deleting it would shrink a deposit that matches the bank, so its return is posted instead
 * (steps/payment-return.ts, a phased write the outbox step tries first).
 */
export const deletePaymentWriter = defineWriter({
  operation: 'delete-payment',
  what: 'payments',
  logAs: 'delete',
  async request(context, row) {
    const { em, now } = context;
    const added = await latestRow(em, row.connection_id, 'payment', row.source_id, 'receive-payment');
    if (!added || added.state === 'cancelled') {
      await settleRow(em, row, { state: 'done', message: 'Nothing reached QuickBooks, so there was nothing to undo.' }, now, 'delete');
      return 'skip';
    }
    if (added.state === 'needs-action') {
      const message = 'This payment failed. QuickBooks never took it from us; if you recorded it in QuickBooks by hand, delete it there.';
      await settleRow(em, row, { state: 'needs-action', message }, now, 'delete');
      return 'skip';
    }
    // Its add is still open (sent, answer unknown): that row settles it first.
    if (!added.target_id) return 'wait';
    await markSent(context, row, 'delete');
    return buildTxnDel({ requestId: context.requestId, txnDelType: 'ReceivePayment', txnId: added.target_id });
  },
  // A delete is never looked up: nothing of ours is found in an answer.
  isOurs: () => false,
  idOf: () => '',
  /** The invoices it was applied to owe again: read them back in this session. */
  async onDone({ em, connectionId, now }, row) {
    const added = await latestRow(em, row.connection_id, 'payment', row.source_id, 'receive-payment');
    const invoices = ((added?.payload as unknown as Payment | undefined)?.applications ?? []).map((a) => a.invoiceId);
    await markInvoicesToRefresh(em, connectionId, invoices, now);
  },
  refusal: (statusClass, refused) =>
    statusClass === 'invalid-value'
      ? 'This payment failed in Alternative, but QuickBooks has already deposited it, so it was not deleted (that would change a deposit that matches your bank). Record the return instead: a journal entry that credits the bank account and debits Accounts Receivable for the customer, then apply the payment to that entry so the invoice is owed again.'
      : refused,
});
