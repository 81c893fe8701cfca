import { AppError } from '../../../../core/errors/app-error';
import type { Payment } from '../../../../core/items/payment';
import { OutboxRow, markOutbox } from '../../../../core/store/outbox';
import { recordFinishedWrite } from '../../../../core/store/sync-events';
import type { LocalDate } from '../../../../core/values/instant';
import { Money, compareMoney } from '../../../../core/values/money';
import type { QbxmlEvent, ResponseStatus } from '../../qbxml/reader/qbxml-events';
import type { DepositRecord } from '../../qbxml/records/deposit-record';
import type { JournalEntryRecord } from '../../qbxml/records/journal-entry-record';
import type { ReceivePaymentRecord } from '../../qbxml/records/receive-payment-record';
import { buildJournalEntryAdd } from '../../qbxml/requests/journal-entry-add';
import type { QbxmlRequest } from '../../qbxml/requests/qbxml-request';
import { buildReceivePaymentMod } from '../../qbxml/requests/receive-payment-mod';
import { buildTxnQuery } from '../../qbxml/requests/txn-queries';
import { accountsOf } from '../../store/qbd-store';
import { returnCouldNotBePosted, returnPosted } from './failed-after-payout';
import { markInvoicesToRefresh } from './invoices-to-refresh';
import type { RequestContext, StepContext, StepResult } from './session-step';

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

type Ctx = Pick<RequestContext, 'em' | 'connectionId' | 'requestId' | 'now'>;

interface PhaseFacts {
  /** The request kind the row carries while this phase's request is out. */
  readonly kind: string;
  /** Where to resume when this phase's answer was lost: a write is never sent again on a guess. */
  readonly afterLostAnswer: Phase;
  request(ctx: Ctx, target: ReturnTarget, progress: ReturnProgress): QbxmlRequest | QbxmlRequest[];
  answer(ctx: StepContext, target: ReturnTarget, progress: ReturnProgress, events: readonly QbxmlEvent[]): Promise<StepResult>;
}

const braced = (uuid: string) => `{${uuid.toUpperCase()}}`;
const paymentId = (requestId: string) => `${requestId}.p`;
const depositId = (requestId: string) => `${requestId}.d`;

function statusFor(events: readonly QbxmlEvent[], requestId: string): ResponseStatus {
  const found = events.find((e): e is Extract<QbxmlEvent, { kind: 'status' }> => e.kind === 'status' && e.status.requestId === requestId);
  if (!found) throw new AppError('malformed', `QuickBooks' answer has no response for request ${requestId}.`);
  return found.status;
}

function recordsOf<T>(events: readonly QbxmlEvent[], type: string): T[] {
  return events.flatMap((e) => (e.kind === 'record' && e.record.type === type ? [e.record as T] : []));
}

/** A read QuickBooks could not run: the row stays where it is and the read is asked again later. */
function requireRead(status: ResponseStatus, what: string): void {
  if (status.meaning.errorKind) throw new AppError(status.meaning.errorKind, `QuickBooks could not read the ${what} of a failed payment's return (${status.statusCode}): ${status.statusMessage ?? 'no message'}`);
}

const refused = (status: ResponseStatus) => `QuickBooks refused it (${status.statusCode}): ${status.statusMessage ?? 'no message'}`;

async function needsPartner(ctx: StepContext, target: ReturnTarget, why: string): Promise<StepResult> {
  const message = returnCouldNotBePosted(target.row.payload as unknown as Payment, target.depositTxnId, why);
  await markOutbox(ctx.em, target.row.id, { state: 'needs-action', message }, ctx.now);
  await recordFinishedWrite(ctx.em, target.row, { operation: 'return', outcome: 'failed', message }, ctx.now);
  return { done: false, counts: { 'payment returns needing action': 1 } };
}

const moveOn = async (ctx: StepContext, target: ReturnTarget, progress: ReturnProgress, targetId?: string): Promise<StepResult> => {
  await markOutbox(ctx.em, target.row.id, { state: 'pending', targetId, progress: progress as unknown as Record<string, unknown> }, ctx.now);
  return { done: false, counts: {} };
};

/** The payment now applies to the journal entry and nothing else: the return is complete. */
function appliesOnlyTo(payment: ReceivePaymentRecord, journalTxnId: string, amount: Money | undefined): boolean {
  const [only, ...rest] = payment.appliedTo;
  return rest.length === 0 && only?.txnId === journalTxnId && amount !== undefined && only.amount !== undefined && compareMoney(only.amount, amount) === 0;
}

async function finish(ctx: StepContext, target: ReturnTarget, progress: ReturnProgress): Promise<StepResult> {
  const journalTxnId = target.row.target_id!;
  const message = returnPosted(progress.amount!, journalTxnId, target.depositTxnId);
  await markOutbox(ctx.em, target.row.id, { state: 'done', message }, ctx.now);
  await markInvoicesToRefresh(ctx.em, ctx.connectionId, progress.invoiceIds ?? [], ctx.now);
  await recordFinishedWrite(ctx.em, target.row, { operation: 'return', outcome: 'applied', message }, ctx.now);
  return { done: false, counts: { 'payments returned after their payout': 1 } };
}

/**
 * The phases of a return, as data: what each asks QuickBooks and what its answer moves the
 * return to. See ADR 0008 for why a journal entry.
 */
const PHASES: Readonly<Record<Phase, PhaseFacts>> = {
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
      if (paymentStatus.meaning.class === 'not-found') return needsPartner(ctx, t, `the payment ${t.paymentTxnId} is no longer in QuickBooks, so check the deposit against the bank`);
      if (depositStatus.meaning.class === 'not-found') return needsPartner(ctx, t, `the deposit ${t.depositTxnId} is no longer in QuickBooks`);
      requireRead(paymentStatus, 'payment');
      requireRead(depositStatus, 'deposit');
      const payment = recordsOf<ReceivePaymentRecord>(events, 'ReceivePaymentRet')[0];
      const deposit = recordsOf<DepositRecord>(events, 'DepositRet')[0];
      if (!payment || !deposit) throw new AppError('malformed', 'QuickBooks answered the return\'s read without the payment or its deposit.');
      const arAccountId = payment.arAccountRef?.listId ?? (await onlyReceivablesAccount(ctx));
      if (!arAccountId) return needsPartner(ctx, t, 'the company has several Accounts Receivable accounts and the payment does not say which it used');
      return moveOn(ctx, t, {
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
        externalGuid: braced(t.row.id),
        lines: [
          { side: 'debit', account: { listId: p.arAccountId }, entity: { listId: p.customerId }, amount: p.amount!, memo: 'Failed payment: owed again' },
          { side: 'credit', account: { listId: p.bankAccountId }, amount: p.amount!, memo: 'Failed payment returned by the bank' },
        ],
      });
    },
    async answer(ctx, t, progress, events) {
      const status = statusFor(events, ctx.requestId);
      const entry = recordsOf<JournalEntryRecord>(events, 'JournalEntryRet')[0];
      if (status.meaning.class === 'ok' && entry) return moveOn(ctx, t, { ...progress, next: 'reread' }, entry.txnId);
      if (status.meaning.retry === 'next-session') {
        await markOutbox(ctx.em, t.row.id, { state: 'pending', message: refused(status) }, ctx.now);
        return { done: true, counts: { 'writes postponed (QuickBooks busy)': 1 } };
      }
      return needsPartner(ctx, t, `the journal entry was refused: ${refused(status)}`);
    },
  },
  // After a lost answer: did the journal entry get written? Ours carries the row id as ExternalGUID.
  find: {
    kind: 'return-find',
    afterLostAnswer: 'find',
    request: ({ requestId }, _t, p) => buildTxnQuery('journalEntry', { requestId, select: { txnDate: { from: p.txnDate, to: p.txnDate } } }),
    async answer(ctx, t, progress, events) {
      const status = statusFor(events, ctx.requestId);
      const ours = recordsOf<JournalEntryRecord>(events, 'JournalEntryRet').find((j) => j.externalGuid?.toUpperCase() === braced(t.row.id));
      if (!ours) requireRead(status, 'journal entries');
      return ours ? moveOn(ctx, t, { ...progress, next: 'reread' }, ours.txnId) : moveOn(ctx, t, { ...progress, next: 'post' });
    },
  },
  // The payment as it is now: its EditSequence for the change, or proof the change already happened.
  reread: {
    kind: 'return-reread',
    afterLostAnswer: 'reread',
    request: ({ requestId }, t) => buildTxnQuery('receivePayment', { requestId, select: { txnIds: [t.paymentTxnId] }, includeLineItems: true }),
    async answer(ctx, t, progress, events) {
      const status = statusFor(events, ctx.requestId);
      if (status.meaning.class === 'not-found') return needsPartner(ctx, t, `journal entry ${t.row.target_id} was posted, but the payment ${t.paymentTxnId} is no longer in QuickBooks to apply to it`);
      requireRead(status, 'payment');
      const payment = recordsOf<ReceivePaymentRecord>(events, 'ReceivePaymentRet')[0];
      if (!payment) throw new AppError('malformed', 'QuickBooks answered the payment\'s read without the payment.');
      if (appliesOnlyTo(payment, t.row.target_id!, progress.amount)) return finish(ctx, t, progress);
      return moveOn(ctx, t, { ...progress, next: 'apply', editSequence: payment.editSequence });
    },
  },
  // The payment moves from the invoices to the journal entry: the invoices are open again.
  apply: {
    kind: 'return-apply',
    afterLostAnswer: 'reread',
    request: ({ requestId }, t, p) => buildReceivePaymentMod({ requestId, txnId: t.paymentTxnId, editSequence: p.editSequence!, applyTo: [{ txnId: t.row.target_id!, amount: p.amount! }] }),
    async answer(ctx, t, progress, events) {
      const status = statusFor(events, ctx.requestId);
      if (status.meaning.class === 'ok') return finish(ctx, t, progress);
      if (status.meaning.class === 'stale-edit-sequence' && (progress.staleRetries ?? 0) < 1) {
        return moveOn(ctx, t, { ...progress, next: 'reread', staleRetries: (progress.staleRetries ?? 0) + 1 });
      }
      if (status.meaning.retry === 'next-session') {
        await markOutbox(ctx.em, t.row.id, { state: 'pending', message: refused(status) }, ctx.now);
        return { done: true, counts: { 'writes postponed (QuickBooks busy)': 1 } };
      }
      return needsPartner(ctx, t, `journal entry ${t.row.target_id} was posted, but the payment could not be moved to it: ${refused(status)}`);
    },
  },
};

/** The company's one active Accounts Receivable account, from the chart of accounts the session read. */
async function onlyReceivablesAccount(ctx: StepContext): Promise<string | undefined> {
  const receivables = (await accountsOf(ctx.em, ctx.connectionId)).filter((a) => a.account_type === 'AccountsReceivable' && a.is_active);
  return receivables.length === 1 ? receivables[0].list_id : undefined;
}

const progressOf = (row: OutboxRow): ReturnProgress => (row.progress as unknown as ReturnProgress | null) ?? { next: 'read' };
const phaseByKind = new Map(Object.entries(PHASES).map(([phase, facts]) => [facts.kind, phase as Phase]));

/** Whether an outbox row's open request belongs to a return (its answer goes to handleReturnAnswer). */
export const isReturnRequest = (row: OutboxRow): boolean => row.request_kind !== null && phaseByKind.has(row.request_kind);

/**
 * The next request of the return of a payment that failed after its payout: a journal entry that
 * takes the money out of the deposit's bank and puts it back on the customer's balance, then the
 * payment moved from its invoices to that entry. The deposit is never touched.
 */
export async function returnRequest(ctx: Ctx, target: ReturnTarget): Promise<QbxmlRequest | QbxmlRequest[]> {
  const progress = progressOf(target.row);
  const lost = target.row.state === 'sent' && target.row.request_kind ? phaseByKind.get(target.row.request_kind) : undefined;
  const phase = lost ? PHASES[lost].afterLostAnswer : progress.next;
  const request = PHASES[phase].request(ctx, target, progress);
  await markOutbox(ctx.em, target.row.id, { state: 'sent', request: { id: ctx.requestId, kind: PHASES[phase].kind }, progress: { ...progress, next: phase } as unknown as Record<string, unknown> }, ctx.now);
  return request;
}

export async function handleReturnAnswer(ctx: StepContext, target: ReturnTarget, events: readonly QbxmlEvent[]): Promise<StepResult> {
  const phase = phaseByKind.get(target.row.request_kind!)!;
  return PHASES[phase].answer(ctx, target, progressOf(target.row), events);
}
