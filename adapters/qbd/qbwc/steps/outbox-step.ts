import { AppError } from '../../../../core/errors/app-error';
import { OutboxRow, depositRowsHolding, latestRow, markOutbox, nextDue, rowForRequest } from '../../../../core/store/outbox';
import { QBD_SYSTEM } from '../../qbd-system';
import { qbdSettings } from '../../store/qbd-settings';
import { customerAddWriter } from '../writers/customer-add-writer';
import { deletePaymentWriter } from '../writers/delete-payment-writer';
import { depositWriter } from '../writers/deposit-writer';
import { receivePaymentWriter } from '../writers/receive-payment-writer';
import { SimpleWriter, WriteKind, settleRow, showProblem } from '../writers/simple-writer';
import { invoiceAddTargetOf, invoiceAddWrite } from './invoice-add-write';
import { invoiceEditTargetOf, invoiceEditWrite } from './invoice-edit-write';
import { ReturnTarget, paymentReturn } from './payment-return';
import { PhasedWrite, bracedUuid, refusedBy, statusFor } from './phased-write';
import { SessionStep, StepContext, StepResult } from './session-step';

/** The writes of one request, by outbox operation. */
const WRITERS: ReadonlyMap<string, SimpleWriter> = new Map(
  [customerAddWriter, depositWriter, receivePaymentWriter, deletePaymentWriter].map((w) => [w.operation, w]),
);

/** Writes that need the account payments go to. */
const NEED_PAYMENT_ACCOUNT = [...WRITERS.values()].filter((w) => w.needsPaymentAccount).map((w) => w.operation);

/**
 * The payment and the payout deposit that hold a failed payment, when there is one: then the
 * payment is returned, never deleted. 'wait' while that deposit is still on its way.
 */
async function returnTargetOf(em: StepContext['em'], row: OutboxRow): Promise<ReturnTarget | 'wait' | undefined> {
  const added = await latestRow(em, row.connection_id, 'payment', row.source_id, 'receive-payment');
  // Never in QuickBooks (cancelled), or its add still open: the delete writer settles that.
  if (!added?.target_id) return undefined;
  const payout = (await depositRowsHolding(em, row.connection_id, row.source_id))[0];
  if (!payout) return undefined;
  if (payout.state !== 'done' || !payout.target_id) return 'wait';
  return { row, paymentTxnId: added.target_id, depositTxnId: payout.target_id };
}

type PhasedTarget = { readonly row: OutboxRow };

/**
 * Writes of several requests, by outbox operation: where each finds what it needs in QuickBooks
 * ('wait' while that is on its way; undefined: not this write, its simple writer goes on), and
 * its phases. A failed payment is returned only when a payout holds it.
 */
const PHASED: Readonly<
  Record<
    string,
    {
      targetOf(em: StepContext['em'], row: OutboxRow): Promise<PhasedTarget | 'wait' | { needsAction: string } | undefined>;
      write: PhasedWrite<PhasedTarget>;
      logAs: string;
    }
  >
> = {
  'invoice-add': { targetOf: invoiceAddTargetOf, write: invoiceAddWrite as PhasedWrite<PhasedTarget>, logAs: 'add' },
  'invoice-mod': { targetOf: invoiceEditTargetOf, write: invoiceEditWrite as PhasedWrite<PhasedTarget>, logAs: 'edit' },
  'delete-payment': { targetOf: returnTargetOf, write: paymentReturn as PhasedWrite<PhasedTarget>, logAs: 'delete' },
};

function writerOf(row: OutboxRow): SimpleWriter {
  const writer = WRITERS.get(row.operation);
  if (!writer) throw new AppError('internal', `No writer takes outbox operation "${row.operation}".`);
  return writer;
}

/** Rows one request may pass over as waiting: beyond that the rest waits for the next request, so a call stays short. */
const MAX_PASSED_OVER = 100;

/**
 * Writes first, before any read, so the session ends with QuickBooks' own numbers. One outbox
 * row per request, each by its writer: a row handed out and never confirmed is looked up before
 * it is ever sent again; locks retry at the next session; refusals need the partner.
 */
export const outboxStep: SessionStep = {
  name: 'outbox',
  phase: 'sending payments and deposits',
  async buildRequest({ em, connectionId, requestId, now }) {
    // The settings are read once a row is due: most sessions have nothing to write.
    let context: Parameters<SimpleWriter['request']>[0] | undefined;
    // A row that must wait (for an account to be chosen, or for another write) is passed over,
    // so it never holds up the writes behind it; it is looked at again at the next request.
    const passedOver: string[] = [];
    // Without the account payments go to, none of them or their deposits can be written: once one
    // is met, the rest are left out in SQL rather than passed over one by one.
    let blocked: readonly string[] = [];
    for (;;) {
      const row = passedOver.length < MAX_PASSED_OVER ? await nextDue(em, connectionId, QBD_SYSTEM, passedOver, blocked) : undefined;
      if (!row) return undefined;
      context ??= { em, connectionId, requestId, now, settings: await qbdSettings(em, connectionId) };
      if (!context.settings.paymentAccountId && NEED_PAYMENT_ACCOUNT.includes(row.operation)) {
        await showProblem(
          em,
          connectionId,
          'CHOOSE_PAYMENT_ACCOUNT',
          'Payments are waiting: choose the QuickBooks account they are deposited to (Undeposited Funds is recommended) in the connection settings.',
        );
        blocked = NEED_PAYMENT_ACCOUNT;
        continue;
      }
      const phased = PHASED[row.operation];
      const target = phased && (await phased.targetOf(em, row));
      if (target && target !== 'wait' && 'needsAction' in target) {
        await settleRow(em, row, { state: 'needs-action', message: target.needsAction }, now, phased.logAs);
        continue;
      }
      const request = target === 'wait' ? 'wait' : target ? await phased.write.request(context, target) : await writerOf(row).request(context, row);
      if (request === 'wait') passedOver.push(row.id);
      else if (request !== 'skip') return request;
    }
  },
  async handleAnswer(context, events): Promise<StepResult> {
    const { em, connectionId, requestId, now } = context;
    const row = await rowForRequest(em, connectionId, requestId);
    if (!row) throw new AppError('internal', `No outbox row waits for answer ${requestId}.`);
    const phased = PHASED[row.operation];
    if (phased?.write.owns(row)) {
      const target = await phased.targetOf(em, row);
      if (!target || target === 'wait' || 'needsAction' in target)
        throw new AppError('internal', `Outbox row ${row.id} lost what its write needs in QuickBooks.`);
      return phased.write.answer(context, target, events);
    }
    const writer = writerOf(row);
    const kind = row.request_kind as WriteKind;
    const status = statusFor(events, requestId);
    const { meaning } = status;
    const found = events.find((e) => e.kind === 'record' && writer.isOurs(e.record, bracedUuid(row.id)));
    const txnId = found?.kind === 'record' ? writer.idOf(found.record) : undefined;
    const { what, logAs } = writer;

    if (kind === 'lookup') {
      // A lookup QuickBooks could not run says nothing: the row stays sent (outcome unknown) and
      // is looked up again, never sent again on a guess (that could write the payment twice).
      if (!txnId && meaning.errorKind)
        throw new AppError(meaning.errorKind, `QuickBooks could not look up a ${what.replace(/s$/, '')} whose answer was lost: ${refusedBy(status)}`);
      // Found: the lost answer's write did happen. Not found: it never did, so it may be sent.
      if (txnId) await settleRow(em, row, { state: 'done', targetId: txnId, message: 'Found in QuickBooks after a lost answer.' }, now, logAs);
      else await markOutbox(em, row.id, { state: 'pending' }, now);
      return { done: false, counts: { [`${what} found after a lost answer`]: txnId ? 1 : 0 } };
    }
    if (meaning.class === 'ok' || (kind === 'delete' && meaning.class === 'not-found')) {
      await settleRow(em, row, { state: 'done', targetId: kind === 'add' ? txnId : (row.target_id ?? undefined) }, now, logAs);
      await writer.onDone?.(context, row, kind);
      return { done: false, counts: { [kind === 'add' ? `${what} sent` : 'payments reverted']: 1 } };
    }
    if (meaning.retry === 'next-session') {
      // Locked: nothing was written. Try again at the next session, and stop writing for now.
      await markOutbox(em, row.id, { state: 'pending', message: refusedBy(status) }, now);
      return { done: true, counts: { 'writes postponed (QuickBooks busy)': 1 } };
    }
    const refused = refusedBy(status);
    await settleRow(em, row, { state: 'needs-action', message: writer.refusal?.(meaning.class, refused) ?? refused }, now, logAs);
    return { done: false, counts: { [`${what} needing action`]: 1 } };
  },
};
