import { markOutbox } from '../../../core/store/outbox';
import { Money, ZERO_MONEY, compareMoney } from '../../../core/values/money';
import { readEntity, writeEntity } from '../client/qbo-calls';
import { faultOf } from '../client/qbo-fault';
import { qboMoney } from '../mapping/qbo-decimal';
import type { QboInvoice } from '../mapping/qbo-records';
import { qboIdOf } from './qbo-id-of';
import { jsonAmount } from './qbo-json-amount';
import { WriteEnd, defineQboWriter, requestIdOf } from './qbo-writer';

/** What the write learnt before it sent the payment, kept on its row so a re-send asks exactly the same. */
interface PaidProgress {
  readonly customerId: string;
  readonly amount: Money;
}

/**
 * An invoice marked paid on the platform: a QBO Payment of what it still owes there. The balance
 * is read once and kept on the row before the payment goes, so a re-send after a lost answer
 * sends the same request under the same requestid (and gets its answer) instead of finding the
 * balance gone and saying nothing was owed.
 */
export const invoicePaidWriter = defineQboWriter({
  operation: 'invoice-paid',
  what: 'invoices marked paid',
  logAs: 'status',
  async write({ em, client, settings, now, signal }, row): Promise<WriteEnd> {
    const target = qboIdOf('invoice', (row.payload as { invoiceId?: string }).invoiceId ?? row.source_id);
    if ('missing' in target) return { state: 'needs-action', message: `QuickBooks Online cannot mark this invoice paid: ${target.missing}.` };
    let progress = row.progress as unknown as PaidProgress | null;
    if (!progress) {
      let invoice: QboInvoice;
      try {
        invoice = (await readEntity(client, 'Invoice', target.id, signal)) as unknown as QboInvoice;
      } catch (error) {
        if (faultOf(error)?.code === '610') return { state: 'needs-action', message: 'The invoice is no longer in QuickBooks Online.' };
        throw error;
      }
      const owed = qboMoney(invoice.Balance, 'Balance');
      if (compareMoney(owed, ZERO_MONEY) <= 0) return { state: 'done', message: 'The invoice was already paid in QuickBooks Online.' };
      progress = { customerId: invoice.CustomerRef.value, amount: owed };
      await markOutbox(em, row.id, { state: 'sent', request: { id: requestIdOf(row), kind: 'status' }, progress: { ...progress } }, now);
    }
    const created = await writeEntity(
      client,
      {
        entity: 'Payment',
        requestId: requestIdOf(row),
        what: `the payment of invoice ${target.id}`,
        body: {
          CustomerRef: { value: progress.customerId },
          TotalAmt: jsonAmount(progress.amount),
          TxnDate: now.toISOString().slice(0, 10),
          PrivateNote: 'Marked paid in Alternative Payments',
          ...(settings.paymentAccountId ? { DepositToAccountRef: { value: settings.paymentAccountId } } : {}),
          Line: [{ Amount: jsonAmount(progress.amount), LinkedTxn: [{ TxnId: target.id, TxnType: 'Invoice' }] }],
        },
      },
      signal,
    );
    return { state: 'done', targetId: created.Id };
  },
});
