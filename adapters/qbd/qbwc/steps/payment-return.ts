import { AppError } from '../../../../core/errors/app-error';
import type { Payment } from '../../../../core/items/payment';
import type { OutboxRow } from '../../../../core/store/outbox';
import type { LocalDate } from '../../../../core/values/instant';
import { Money, compareMoney } from '../../../../core/values/money';
import type { DepositRecord } from '../../qbxml/records/deposit-record';
import type { JournalEntryRecord } from '../../qbxml/records/journal-entry-record';
import type { ReceivePaymentRecord } from '../../qbxml/records/receive-payment-record';
import { buildJournalEntryAdd } from '../../qbxml/requests/journal-entry-add';
import { buildReceivePaymentMod } from '../../qbxml/requests/receive-payment-mod';
import { buildTxnQuery } from '../../qbxml/requests/txn-queries';
import { accountsOf } from '../../store/account-store';
import { returnCouldNotBePosted, returnPosted } from './failed-after-payout';
import { markInvoicesToRefresh } from '../../store/invoices-to-refresh';
import { PhaseFacts, bracedUuid, definePhasedWrite, gone, moveOn, postpone, recordsOf, refusedBy, requireRead, settleWrite, statusFor } from './phased-write';
import type { StepContext, StepResult } from './session-step';

type Phase = 'read' | 'post' | 'find' | 'reread' | 'apply';

/** What the return has learnt so far, kept on its outbox row between requests and sessions. */
interface ReturnProgress {
  readonly next: Phase;
  readonly customerId?: string;
  readonly arAccountId?: string;
  readonly bankAccountId?: string;
  readonly amount?: Money;
  readonly txnDate?: LocalDate;
  /** The invoices the payment paid: owed again once it moves to the journal entry. */
  readonly invoiceIds?: readonly string[];
  /** The payment's EditSequence, read right before it is changed. */
  readonly editSequence?: string;
  /** How many times QuickBooks said the payment changed under us (3200): re-read and tried once more. */
  readonly staleRetries?: number;
}

/** The payment, the deposit that holds it and the outbox row that reverts it. */
export interface ReturnTarget {
  readonly row: OutboxRow;
  readonly paymentTxnId: string;
  readonly depositTxnId: string;
}

const paymentId = (requestId: string) => `${requestId}.p`;
const depositId = (requestId: string) => `${requestId}.d`;

function needsPartner(ctx: StepContext, target: ReturnTarget, why: string): Promise<StepResult> {
  const message = returnCouldNotBePosted(target.row.payload as unknown as Payment, target.depositTxnId, why);
  return settleWrite(ctx, target.row, { outcome: 'failed', operation: 'return', message, count: 'payment returns needing action' });
}

/** The payment now applies to the journal entry and nothing else: the return is complete. */
function appliesOnlyTo(payment: ReceivePaymentRecord, journalTxnId: string, amount: Money | undefined): boolean {
  const [only, ...rest] = payment.appliedTo;
  return rest.length === 0 && only?.txnId === journalTxnId && amount !== undefined && only.amount !== undefined && compareMoney(only.amount, amount) === 0;
}

async function finish(ctx: StepContext, target: ReturnTarget, progress: ReturnProgress): Promise<StepResult> {
  await markInvoicesToRefresh(ctx.em, ctx.connectionId, progress.invoiceIds ?? [], ctx.now);
  const message = returnPosted(progress.amount!, target.row.target_id!, target.depositTxnId);
  return settleWrite(ctx, target.row, { outcome: 'applied', operation: 'return', message, count: 'payments returned after their payout' });
}

/**
 * The phases of a return, as data: what each asks QuickBooks and what its answer moves the
 * return to. See ADR 0008 for why a journal entry.
 */
const PHASES: Readonly<Record<Phase, PhaseFacts<ReturnTarget, ReturnProgress>>> = {
  // The payment (customer, A/R account, invoices) and its deposit (the bank) in one message set.
  read: {
    kind: 'return-read',
    afterLostAnswer: 'read',
    request: ({ requestId }, t) => [
      buildTxnQuery('receivePayment', { requestId: paymentId(requestId), select: { txnIds: [t.paymentTxnId] }, includeLineItems: true }),
      buildTxnQuery('deposit', { requestId: depositId(requestId), select: { txnIds: [t.depositTxnId] } }),
    ],
    async answer(ctx, t, progress, events) {
      const paymentStatus = statusFor(events, paymentId(ctx.requestId));
      const depositStatus = statusFor(events, depositId(ctx.requestId));
      if (gone(paymentStatus)) return needsPartner(ctx, t, `the payment ${t.paymentTxnId} is no longer in QuickBooks, so check the deposit against the bank`);
      if (gone(depositStatus)) return needsPartner(ctx, t, `the deposit ${t.depositTxnId} is no longer in QuickBooks`);
      requireRead(paymentStatus, "payment of a failed payment's return");
      requireRead(depositStatus, "deposit of a failed payment's return");
      const payment = recordsOf<ReceivePaymentRecord>(events, 'ReceivePaymentRet')[0];
      const deposit = recordsOf<DepositRecord>(events, 'DepositRet')[0];
      if (!payment || !deposit) throw new AppError('malformed', "QuickBooks answered the return's read without the payment or its deposit.");
      const arAccountId = payment.arAccountRef?.listId ?? (await onlyReceivablesAccount(ctx));
      if (!arAccountId) return needsPartner(ctx, t, 'the company has several Accounts Receivable accounts and the payment does not say which it used');
      return moveOn(ctx, t.row, {
        ...progress,
        next: 'post',
        customerId: payment.customerRef.listId,
        arAccountId,
        bankAccountId: deposit.depositToAccountRef.listId,
        amount: payment.totalAmount,
        txnDate: new Date(ctx.now).toISOString().slice(0, 10) as LocalDate,
        invoiceIds: payment.appliedTo.filter((a) => a.txnType === 'Invoice').map((a) => a.txnId),
      });
    },
  },
  // Money leaves the bank the deposit went to, and the customer owes it again.
  post: {
    kind: 'return-post',
    afterLostAnswer: 'find',
    request: ({ requestId }, t, p) => {
      const payment = t.row.payload as unknown as Payment;
      return buildJournalEntryAdd({
        requestId,
        txnDate: p.txnDate,
        memo: `Alternative Payments: payment ${payment.id} failed after its payout (deposit ${t.depositTxnId})`,
        externalGuid: bracedUuid(t.row.id),
        lines: [
          { side: 'debit', account: { listId: p.arAccountId }, entity: { listId: p.customerId }, amount: p.amount!, memo: 'Failed payment: owed again' },
          { side: 'credit', account: { listId: p.bankAccountId }, amount: p.amount!, memo: 'Failed payment returned by the bank' },
        ],
      });
    },
    async answer(ctx, t, progress, events) {
      const status = statusFor(events, ctx.requestId);
      const entry = recordsOf<JournalEntryRecord>(events, 'JournalEntryRet')[0];
      if ((status.meaning.class === 'ok' || status.meaning.class === 'warning') && entry)
        return moveOn(ctx, t.row, { ...progress, next: 'reread' }, entry.txnId);
      if (status.meaning.retry === 'next-session') return postpone(ctx, t.row, status);
      return needsPartner(ctx, t, `the journal entry was refused: ${refusedBy(status)}`);
    },
  },
  // After a lost answer: did the journal entry get written? Ours carries the row id as ExternalGUID.
  find: {
    kind: 'return-find',
    afterLostAnswer: 'find',
    request: ({ requestId }, _t, p) => buildTxnQuery('journalEntry', { requestId, select: { txnDate: { from: p.txnDate, to: p.txnDate } } }),
    async answer(ctx, t, progress, events) {
      const status = statusFor(events, ctx.requestId);
      const ours = recordsOf<JournalEntryRecord>(events, 'JournalEntryRet').find((j) => j.externalGuid?.toUpperCase() === bracedUuid(t.row.id));
      if (!ours) requireRead(status, "journal entries of a failed payment's return");
      return ours ? moveOn(ctx, t.row, { ...progress, next: 'reread' }, ours.txnId) : moveOn(ctx, t.row, { ...progress, next: 'post' });
    },
  },
  // The payment as it is now: its EditSequence for the change, or proof the change already happened.
  reread: {
    kind: 'return-reread',
    afterLostAnswer: 'reread',
    request: ({ requestId }, t) => buildTxnQuery('receivePayment', { requestId, select: { txnIds: [t.paymentTxnId] }, includeLineItems: true }),
    async answer(ctx, t, progress, events) {
      const status = statusFor(events, ctx.requestId);
      if (gone(status))
        return needsPartner(ctx, t, `journal entry ${t.row.target_id} was posted, but the payment ${t.paymentTxnId} is no longer in QuickBooks to apply to it`);
      requireRead(status, "payment of a failed payment's return");
      const payment = recordsOf<ReceivePaymentRecord>(events, 'ReceivePaymentRet')[0];
      if (!payment) throw new AppError('malformed', "QuickBooks answered the payment's read without the payment.");
      if (appliesOnlyTo(payment, t.row.target_id!, progress.amount)) return finish(ctx, t, progress);
      return moveOn(ctx, t.row, { ...progress, next: 'apply', editSequence: payment.editSequence });
    },
  },
  // The payment moves from the invoices to the journal entry: the invoices are open again.
  apply: {
    kind: 'return-apply',
    afterLostAnswer: 'reread',
    request: ({ requestId }, t, p) =>
      buildReceivePaymentMod({ requestId, txnId: t.paymentTxnId, editSequence: p.editSequence!, applyTo: [{ txnId: t.row.target_id!, amount: p.amount! }] }),
    async answer(ctx, t, progress, events) {
      const status = statusFor(events, ctx.requestId);
      if (status.meaning.class === 'ok' || status.meaning.class === 'warning') return finish(ctx, t, progress);
      if (status.meaning.class === 'stale-edit-sequence' && (progress.staleRetries ?? 0) < 1) {
        return moveOn(ctx, t.row, { ...progress, next: 'reread', staleRetries: (progress.staleRetries ?? 0) + 1 });
      }
      if (status.meaning.retry === 'next-session') return postpone(ctx, t.row, status);
      return needsPartner(ctx, t, `journal entry ${t.row.target_id} was posted, but the payment could not be moved to it: ${refusedBy(status)}`);
    },
  },
};

/** The company's one active Accounts Receivable account, from the chart of accounts the session read. */
async function onlyReceivablesAccount(ctx: StepContext): Promise<string | undefined> {
  const receivables = (await accountsOf(ctx.em, ctx.connectionId)).filter((a) => a.account_type === 'AccountsReceivable' && a.is_active);
  return receivables.length === 1 ? receivables[0].list_id : undefined;
}

/**
 * The return of a payment that failed after its payout: a journal entry that takes the money out
 * of the deposit's bank and puts it back on the customer's balance, then the payment moved from
 * its invoices to that entry. The deposit is never touched.
 */
export const paymentReturn = definePhasedWrite<ReturnTarget, ReturnProgress>(PHASES, { next: 'read' });
