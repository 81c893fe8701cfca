import { AppError } from '../../../../core/errors/app-error';
import type { Payment } from '../../../../core/items/payment';
import { Connection } from '../../../../core/store/entities/connection';
import { recordFinishedWrite } from '../../../../core/store/sync-events';
import { QbdSettings, qbdSettings } from '../../store/qbd-settings';
import { OutboxRow, depositRowsHolding, latestRow, markOutbox, nextDue, openRowsFor, rowForRequest } from '../../../../core/store/outbox';
import { ReturnTarget, paymentReturn } from './payment-return';
import { invoiceAddTargetOf, invoiceAddWrite } from './invoice-add-write';
import { invoiceEditTargetOf, invoiceEditWrite } from './invoice-edit-write';
import { PhasedWrite, bracedUuid, refusedBy, statusFor } from './phased-write';
import { quickBooksIdOf } from './quickbooks-id-of';
import { QBD_SYSTEM } from '../../qbd-system';
import type { ReceivePaymentRecord } from '../../qbxml/records/receive-payment-record';
import { buildTxnQuery } from '../../qbxml/requests/txn-queries';
import { buildCustomerAdd, buildDepositAdd, buildReceivePaymentAdd, buildTxnDel } from '../../qbxml/requests/write-requests';
import { buildCustomerQuery } from '../../qbxml/requests/list-queries';
import { qbText } from '../../qbxml/requests/qb-text';
import type { CustomerRecord } from '../../qbxml/records/customer-record';
import type { QbRecord } from '../../qbxml/records/qb-record';
import type { Customer } from '../../../../core/items/customer';
import type { QbxmlRequest } from '../../qbxml/requests/qbxml-request';
import type { DepositRecord } from '../../qbxml/records/deposit-record';
import type { Deposit } from '../../../../core/items/deposit';
import { markInvoicesToRefresh } from './invoices-to-refresh';
import { SessionStep, StepContext, StepResult } from './session-step';

/**
 * Our operation id, carried into QuickBooks as the payment's RefNumber (at most 20 characters)
 * so that a write whose answer was lost can be found before it is sent again.
 */
export function operationRef(outboxId: string): string {
  return `ALT-${outboxId.replace(/-/g, '').slice(0, 16).toUpperCase()}`;
}

type Kind = 'lookup' | 'add' | 'delete';

/**
 * How to recognise, in an answer, the record an outbox row made: the payment with our RefNumber
 * (a query by RefNumber returns only those), a deposit or customer carrying our operation id as
 * its ExternalGUID (a customer query by name may return someone else's customer).
 */
const OURS: Readonly<Record<string, { what: string; isOurs(record: QbRecord, guid: string): boolean; idOf(record: QbRecord): string }>> = {
  'receive-payment': { what: 'payments', isOurs: (r) => r.type === 'ReceivePaymentRet', idOf: (r) => (r as ReceivePaymentRecord).txnId },
  'delete-payment': { what: 'payments', isOurs: () => false, idOf: () => '' },
  deposit: {
    what: 'deposits',
    isOurs: (r, guid) => r.type === 'DepositRet' && r.externalGuid?.toUpperCase() === guid,
    idOf: (r) => (r as DepositRecord).txnId,
  },
  'customer-add': {
    what: 'customers',
    isOurs: (r, guid) => r.type === 'CustomerRet' && r.externalGuid?.toUpperCase() === guid,
    idOf: (r) => (r as CustomerRecord).listId,
  },
};

/**
 * A customer the partner's rules send to QuickBooks. Its name must be unique there; one that
 * cannot be written in QuickBooks' character set or length needs the partner, not a retry.
 */
async function customerAddRequest(em: StepContext['em'], row: OutboxRow, requestId: string, now: Date): Promise<QbxmlRequest | 'skip'> {
  const customer = row.payload as unknown as Customer;
  if (row.state === 'sent') {
    await markOutbox(em, row.id, { state: 'sent', request: { id: requestId, kind: 'lookup' } }, now);
    // Look for the name as the add wrote it (Latin-1, transliterated), not as typed.
    return buildCustomerQuery({ requestId, select: { fullNames: [qbText(customer.name, { field: 'CustomerAdd/Name', max: 41, overflow: 'refuse' })] } });
  }
  try {
    const request = buildCustomerAdd({
      requestId,
      name: customer.name,
      companyName: customer.companyName,
      email: customer.email,
      phone: customer.phone,
      externalGuid: bracedUuid(row.id),
    });
    await markOutbox(em, row.id, { state: 'sent', request: { id: requestId, kind: 'add' } }, now);
    return request;
  } catch (error) {
    if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
    await settleRow(em, row, { state: 'needs-action', message: `QuickBooks cannot take this customer: ${error.message}` }, now);
    return 'skip';
  }
}

/**
 * The request for a payout's deposit: its payments, by their QuickBooks TxnIDs, moved from
 * Undeposited Funds into the chosen bank account. 'skip' when the row was settled here;
 * undefined when it must wait (no account chosen, or its payments are not in QuickBooks yet).
 */
async function depositRequest(
  em: StepContext['em'],
  settings: QbdSettings,
  row: OutboxRow,
  requestId: string,
  now: Date,
): Promise<QbxmlRequest | 'skip' | undefined> {
  const deposit = row.payload as unknown as Deposit;
  if (!settings.depositAccountId) {
    await showProblem(
      em,
      row.connection_id,
      'CHOOSE_DEPOSIT_ACCOUNT',
      'A payout is waiting: choose the QuickBooks bank account payouts are deposited to in the connection settings.',
    );
    return undefined;
  }
  if (row.state === 'sent') {
    await markOutbox(em, row.id, { state: 'sent', request: { id: requestId, kind: 'lookup' } }, now);
    return buildTxnQuery('deposit', { requestId, select: { txnDate: { from: deposit.depositedOn, to: deposit.depositedOn } } });
  }
  const txnIds: string[] = [];
  for (const line of deposit.lines) {
    const added = await latestRow(em, row.connection_id, 'payment', line.paymentId, 'receive-payment');
    if (added && (added.state === 'pending' || added.state === 'sent')) return undefined;
    if (!added || added.state !== 'done' || !added.target_id) {
      await settleRow(
        em,
        row,
        {
          state: 'needs-action',
          message: `The payout includes payment ${line.paymentId}, which is not in QuickBooks (${added?.state ?? 'never sent'}). Deposit the others by hand in QuickBooks.`,
        },
        now,
      );
      return 'skip';
    }
    txnIds.push(added.target_id);
  }
  await markOutbox(em, row.id, { state: 'sent', request: { id: requestId, kind: 'add' } }, now);
  return buildDepositAdd({
    requestId,
    txnDate: deposit.depositedOn,
    depositToAccount: { listId: settings.depositAccountId },
    memo: `Alternative Payments payout ${deposit.id}`,
    externalGuid: bracedUuid(row.id),
    lines: txnIds.map((paymentTxnId) => ({ paymentTxnId })),
  });
}

/** The QuickBooks invoices a payment was applied to, from the row that added it. */
async function appliedInvoices(em: StepContext['em'], row: OutboxRow): Promise<string[]> {
  const added = await latestRow(em, row.connection_id, 'payment', row.source_id, 'receive-payment');
  return ((added?.payload as unknown as Payment | undefined)?.applications ?? []).map((a) => a.invoiceId);
}

/**
 * The payment and the payout deposit that hold a failed payment, when there is one: then the
 * payment is returned, never deleted. 'wait' while that deposit is still on its way.
 */
async function returnTargetOf(em: StepContext['em'], row: OutboxRow): Promise<ReturnTarget | 'wait' | undefined> {
  const added = await latestRow(em, row.connection_id, 'payment', row.source_id, 'receive-payment');
  // Never in QuickBooks (cancelled), or its add still open: the delete path below settles that.
  if (!added?.target_id) return undefined;
  const payout = (await depositRowsHolding(em, row.connection_id, row.source_id))[0];
  if (!payout) return undefined;
  if (payout.state !== 'done' || !payout.target_id) return 'wait';
  return { row, paymentTxnId: added.target_id, depositTxnId: payout.target_id };
}

type PhasedTarget = { readonly row: OutboxRow };

/**
 * Writes of several requests, by outbox operation: where each finds what it needs in QuickBooks
 * ('wait' while that is on its way; undefined: not this write, the simple path goes on), and its
 * phases. A failed payment is returned only when a payout holds it.
 */
const PHASED: Readonly<
  Record<
    string,
    { targetOf(em: StepContext['em'], row: OutboxRow): Promise<PhasedTarget | 'wait' | { needsAction: string } | undefined>; write: PhasedWrite<PhasedTarget> }
  >
> = {
  'invoice-add': { targetOf: invoiceAddTargetOf, write: invoiceAddWrite as PhasedWrite<PhasedTarget> },
  'invoice-mod': { targetOf: invoiceEditTargetOf, write: invoiceEditWrite as PhasedWrite<PhasedTarget> },
  'delete-payment': { targetOf: returnTargetOf, write: paymentReturn as PhasedWrite<PhasedTarget> },
};

/** The QuickBooks ids a payment names: a customer or invoice made on the platform has one once our add of it is done. */
async function paymentIds(
  em: StepContext['em'],
  connectionId: string,
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

async function hasLaterDelete(em: StepContext['em'], row: OutboxRow): Promise<boolean> {
  return (await openRowsFor(em, row.connection_id, 'payment', row.source_id)).some((r) => r.operation === 'delete-payment');
}

/** The sync log's word for each write: what it did to the item, whatever QuickBooks calls it. */
const LOG_OPERATION: Readonly<Record<string, string>> = {
  'receive-payment': 'add',
  'delete-payment': 'delete',
  deposit: 'add',
  'customer-add': 'add',
  'invoice-add': 'add',
  'invoice-mod': 'edit',
};

/** A write ends here (done, or needing the partner): its row says so, and so does the sync log, in one place. */
async function settleRow(
  em: StepContext['em'],
  row: OutboxRow,
  end: { state: 'done' | 'needs-action'; targetId?: string; message?: string },
  now: Date,
): Promise<void> {
  await markOutbox(em, row.id, end, now);
  await recordFinishedWrite(
    em,
    row,
    { operation: LOG_OPERATION[row.operation] ?? row.operation, outcome: end.state === 'done' ? 'applied' : 'failed', message: end.message ?? null },
    now,
  );
}

/** What stands in the way, shown on the connection until the next session starts clean. */
async function showProblem(em: StepContext['em'], connectionId: string, code: string, message: string): Promise<void> {
  await em.nativeUpdate(Connection, { id: connectionId }, { lastErrorCode: code, lastErrorMessage: message });
}

/** Writes that need the account payments go to. */
const NEED_PAYMENT_ACCOUNT = ['receive-payment', 'deposit'];

/** Rows one request may pass over as waiting: beyond that the rest waits for the next request, so a call stays short. */
const MAX_PASSED_OVER = 100;

/**
 * Writes first, before any read, so the session ends with QuickBooks' own numbers. One outbox
 * row per request: a row handed out and never confirmed is looked up by its RefNumber before
 * it is ever sent again; locks retry at the next session; refusals need the partner.
 */
export const outboxStep: SessionStep = {
  name: 'outbox',
  phase: 'sending payments and deposits',
  async buildRequest({ em, connectionId, requestId, now }) {
    const settings = await qbdSettings(em, connectionId);
    // A row that must wait (for an account to be chosen, or for another write) is passed over,
    // so it never holds up the writes behind it; it is looked at again at the next request.
    const passedOver: string[] = [];
    const passOver = (row: OutboxRow) => passedOver.push(row.id);
    // Without the account payments go to, none of them or their deposits can be written: once one
    // is met, the rest are left out in SQL rather than passed over one by one.
    let blocked: readonly string[] = [];
    for (;;) {
      const row = passedOver.length < MAX_PASSED_OVER ? await nextDue(em, connectionId, QBD_SYSTEM, passedOver, blocked) : undefined;
      if (!row) return undefined;
      if (!settings.paymentAccountId && NEED_PAYMENT_ACCOUNT.includes(row.operation)) {
        await showProblem(
          em,
          connectionId,
          'CHOOSE_PAYMENT_ACCOUNT',
          'Payments are waiting: choose the QuickBooks account they are deposited to (Undeposited Funds is recommended) in the connection settings.',
        );
        blocked = NEED_PAYMENT_ACCOUNT;
        continue;
      }
      if (row.operation === 'customer-add') {
        const request = await customerAddRequest(em, row, requestId, now);
        if (request === 'skip') continue;
        return request;
      }
      const phased = PHASED[row.operation];
      const target = phased && (await phased.targetOf(em, row));
      if (target === 'wait') {
        passOver(row);
        continue;
      }
      if (target && 'needsAction' in target) {
        await settleRow(em, row, { state: 'needs-action', message: target.needsAction }, now);
        continue;
      }
      if (target) {
        const request = await phased.write.request({ em, connectionId, requestId, now }, target);
        if (request === 'skip') continue;
        return request;
      }
      if (row.operation === 'deposit') {
        const request = await depositRequest(em, settings, row, requestId, now);
        if (request === 'skip') continue;
        if (request === undefined) {
          passOver(row);
          continue;
        }
        return request;
      }
      const payment = row.payload as unknown as Payment;
      if (row.operation === 'receive-payment') {
        if (row.state === 'sent') {
          await markOutbox(em, row.id, { state: 'sent', request: { id: requestId, kind: 'lookup' } }, now);
          return buildTxnQuery('receivePayment', { requestId, select: { refNumbers: [operationRef(row.id)] } });
        }
        if (await hasLaterDelete(em, row)) {
          await markOutbox(em, row.id, { state: 'cancelled', message: 'The payment failed before it reached QuickBooks.' }, now);
          continue;
        }
        const ids = await paymentIds(em, connectionId, payment);
        if (ids === 'wait') {
          passOver(row);
          continue;
        }
        if ('missing' in ids) {
          await settleRow(em, row, { state: 'needs-action', message: `QuickBooks cannot take this payment: ${ids.missing}.` }, now);
          continue;
        }
        await markOutbox(em, row.id, { state: 'sent', request: { id: requestId, kind: 'add' } }, now);
        return buildReceivePaymentAdd({
          requestId,
          customer: { listId: ids.customer },
          txnDate: payment.receivedOn,
          refNumber: operationRef(row.id),
          totalAmount: payment.amount,
          memo: `Alternative Payments payment ${payment.id}${payment.reference ? ` (${payment.reference})` : ''}`,
          depositToAccount: { listId: settings.paymentAccountId! }, // blocked above when unset
          externalGuid: bracedUuid(row.id),
          applyTo: payment.applications.map((a, i) => ({ txnId: ids.invoices[i], amount: a.amount })),
        });
      }
      // delete-payment: find the QuickBooks payment this payment became.
      const added = await latestRow(em, row.connection_id, 'payment', row.source_id, 'receive-payment');
      // Never reached QuickBooks: nothing to revert. One QuickBooks refused asked the partner to act,
      // perhaps to record it by hand, which only the partner can undo.
      if (!added || added.state === 'cancelled') {
        await settleRow(em, row, { state: 'done', message: 'Nothing reached QuickBooks, so there was nothing to undo.' }, now);
        continue;
      }
      if (added.state === 'needs-action') {
        await settleRow(
          em,
          row,
          {
            state: 'needs-action',
            message: 'This payment failed. QuickBooks never took it from us; if you recorded it in QuickBooks by hand, delete it there.',
          },
          now,
        );
        continue;
      }
      if (!added?.target_id) {
        // Its add is still open (sent, answer unknown): that row settles it first.
        passOver(row);
        continue;
      }
      // A payment in a payout never gets here: deleting it would shrink a deposit that matches
      // the bank, so its return was posted instead (PHASED above).
      await markOutbox(em, row.id, { state: 'sent', request: { id: requestId, kind: 'delete' } }, now);
      return buildTxnDel({ requestId, txnDelType: 'ReceivePayment', txnId: added.target_id });
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
    const kind = row.request_kind as Kind;
    const status = statusFor(events, requestId);
    const { meaning } = status;
    const found = events.find((e) => e.kind === 'record' && OURS[row.operation]!.isOurs(e.record, bracedUuid(row.id)));
    const txnId = found?.kind === 'record' ? OURS[row.operation]!.idOf(found.record) : undefined;
    const what = OURS[row.operation]!.what;

    if (kind === 'lookup') {
      // A lookup QuickBooks could not run says nothing: the row stays sent (outcome unknown) and
      // is looked up again, never sent again on a guess (that could write the payment twice).
      if (!txnId && meaning.errorKind)
        throw new AppError(
          meaning.errorKind,
          `QuickBooks could not look up a ${OURS[row.operation]!.what.replace(/s$/, '')} whose answer was lost: ${refusedBy(status)}`,
        );
      // Found: the lost answer's write did happen. Not found: it never did, so it may be sent.
      if (txnId) await settleRow(em, row, { state: 'done', targetId: txnId, message: 'Found in QuickBooks after a lost answer.' }, now);
      else await markOutbox(em, row.id, { state: 'pending' }, now);
      return { done: false, counts: { [`${what} found after a lost answer`]: txnId ? 1 : 0 } };
    }
    if (meaning.class === 'ok' || (kind === 'delete' && meaning.class === 'not-found')) {
      await settleRow(em, row, { state: 'done', targetId: kind === 'add' ? txnId : (row.target_id ?? undefined) }, now);
      if (kind === 'delete') await markInvoicesToRefresh(em, connectionId, await appliedInvoices(em, row), now);
      return { done: false, counts: { [kind === 'add' ? `${what} sent` : 'payments reverted']: 1 } };
    }
    if (meaning.retry === 'next-session') {
      // Locked: nothing was written. Try again at the next session, and stop writing for now.
      await markOutbox(em, row.id, { state: 'pending', message: refusedBy(status) }, now);
      return { done: true, counts: { 'writes postponed (QuickBooks busy)': 1 } };
    }
    await settleRow(em, row, { state: 'needs-action', message: needsActionMessage(row.operation, meaning.class, refusedBy(status)) }, now);
    return { done: false, counts: { [`${what} needing action`]: 1 } };
  },
};

/**
 * What the partner must do about a write QuickBooks will never take as it is: a reconciliation
 * exception on the record, not a retry. The cases we can name get their own words.
 */
function needsActionMessage(operation: string, statusClass: string, refused: string): string {
  if (operation === 'delete-payment' && statusClass === 'invalid-value') {
    return 'This payment failed in Alternative, but QuickBooks has already deposited it, so it was not deleted (that would change a deposit that matches your bank). Record the return instead: a journal entry that credits the bank account and debits Accounts Receivable for the customer, then apply the payment to that entry so the invoice is owed again.';
  }
  if (operation === 'receive-payment' && (statusClass === 'invalid-value' || statusClass === 'not-found')) {
    return `Reconciliation needed: the invoice was paid, changed or removed in QuickBooks, so this payment no longer fits it. Record the payment in QuickBooks by hand (as a credit if nothing is owed) or refund it. ${refused}`;
  }
  return refused;
}
