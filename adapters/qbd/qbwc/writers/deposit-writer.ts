import type { Deposit } from '../../../../core/items/deposit';
import { latestRow } from '../../../../core/store/outbox';
import type { DepositRecord } from '../../qbxml/records/deposit-record';
import { buildTxnQuery } from '../../qbxml/requests/txn-queries';
import { buildDepositAdd } from '../../qbxml/requests/write-requests';
import { bracedUuid } from '../steps/phased-write';
import { defineWriter, markSent, settleRow, showProblem } from './simple-writer';

/**
 * A payout's deposit: its payments, by their QuickBooks TxnIDs, moved from Undeposited Funds into
 * the chosen bank account. It waits for the account to be chosen and for its payments to be in
 * QuickBooks. Ours is the deposit carrying our operation id as its ExternalGUID.
 */
export const depositWriter = defineWriter({
  operation: 'deposit',
  what: 'deposits',
  logAs: 'add',
  needsPaymentAccount: true,
  async request(context, row) {
    const { em, settings, now } = context;
    const deposit = row.payload as unknown as Deposit;
    if (!settings.depositAccountId) {
      await showProblem(
        em,
        row.connection_id,
        'CHOOSE_DEPOSIT_ACCOUNT',
        'A payout is waiting: choose the QuickBooks bank account payouts are deposited to in the connection settings.',
      );
      return 'wait';
    }
    if (row.state === 'sent') {
      await markSent(context, row, 'lookup');
      return buildTxnQuery('deposit', { requestId: context.requestId, select: { txnDate: { from: deposit.depositedOn, to: deposit.depositedOn } } });
    }
    const txnIds: string[] = [];
    for (const line of deposit.lines) {
      const added = await latestRow(em, row.connection_id, 'payment', line.paymentId, 'receive-payment');
      if (added && (added.state === 'pending' || added.state === 'sent')) return 'wait';
      if (!added || added.state !== 'done' || !added.target_id) {
        const message = `The payout includes payment ${line.paymentId}, which is not in QuickBooks (${added?.state ?? 'never sent'}). Deposit the others by hand in QuickBooks.`;
        await settleRow(em, row, { state: 'needs-action', message }, now, 'add');
        return 'skip';
      }
      txnIds.push(added.target_id);
    }
    await markSent(context, row, 'add');
    return buildDepositAdd({
      requestId: context.requestId,
      txnDate: deposit.depositedOn,
      depositToAccount: { listId: settings.depositAccountId },
      memo: `Alternative Payments payout ${deposit.id}`,
      externalGuid: bracedUuid(row.id),
      lines: txnIds.map((paymentTxnId) => ({ paymentTxnId })),
    });
  },
  isOurs: (r, guid) => r.type === 'DepositRet' && r.externalGuid?.toUpperCase() === guid,
  idOf: (r) => (r as DepositRecord).txnId,
});
