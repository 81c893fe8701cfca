import type { Deposit } from '../../../core/items/deposit';
import { latestRow } from '../../../core/store/outbox';
import { writeEntity } from '../client/qbo-calls';
import { jsonAmount } from './qbo-json-amount';
import { WriteEnd, defineQboWriter, requestIdOf } from './qbo-writer';

/**
 * A payout, as a QBO Deposit into the chosen bank account whose lines link the payments it
 * carries (LinkedTxn TxnType Payment, reference §5.4). It waits while any of them is on its way
 * to QBO; a payment QBO never took leaves the payout to the partner.
 */
export const depositCreateWriter = defineQboWriter({
  operation: 'deposit-create',
  what: 'deposits',
  logAs: 'add',
  needs: 'deposit-account',
  async write({ em, client, settings, signal }, row): Promise<WriteEnd> {
    const deposit = row.payload as unknown as Deposit;
    const lines: { paymentId: string; amount: Deposit['lines'][number]['amount'] }[] = [];
    for (const line of deposit.lines) {
      const added = await latestRow(em, row.connection_id, 'payment', line.paymentId, 'payment-create');
      if (added && (added.state === 'pending' || added.state === 'sent')) return 'wait';
      const reverted = await latestRow(em, row.connection_id, 'payment', line.paymentId, 'payment-delete');
      if (!added || added.state !== 'done' || !added.target_id || reverted)
        return {
          state: 'needs-action',
          message: `The payout includes payment ${line.paymentId}, which is not in QuickBooks Online (${reverted ? 'it failed' : (added?.state ?? 'never sent')}). Deposit the others by hand in QuickBooks Online.`,
        };
      lines.push({ paymentId: added.target_id, amount: line.amount });
    }
    const created = await writeEntity(
      client,
      {
        entity: 'Deposit',
        requestId: requestIdOf(row),
        what: `the deposit of payout ${deposit.id}`,
        body: {
          DepositToAccountRef: { value: settings.depositAccountId! }, // the outbox loop holds it back while unset
          TxnDate: deposit.depositedOn,
          PrivateNote: `Alternative Payments payout ${deposit.id}`,
          Line: lines.map((l) => ({ Amount: jsonAmount(l.amount), LinkedTxn: [{ TxnId: l.paymentId, TxnType: 'Payment', TxnLineId: '0' }] })),
        },
      },
      signal,
    );
    return { state: 'done', targetId: created.Id };
  },
});
