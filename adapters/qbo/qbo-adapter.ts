import type { StatusPayload } from '../../core/changes/change';
import { parseCustomer } from '../../core/items/customer';
import { parseDeposit } from '../../core/items/deposit';
import { parsePayment } from '../../core/items/payment';
import { ChangeHandler, applyWithHandlers, checkedHandler } from '../../core/ports/apply-with-handlers';
import { defineAdapter } from '../../core/ports/define-adapter';
import { enqueue, latestRow, markOutbox, openRowsFor } from '../../core/store/outbox';
import { QBO_DISPLAY_NAME, QBO_SYSTEM } from './qbo-system';
import { qboAccountsOf } from './store/qbo-account-store';
import { qboSettings } from './store/qbo-connection-store';
import { recordsInQbo } from './writes/records-in-qbo';

/** The change as an outbox row for QBO under this operation (writes/write-outbox.ts carries it out). */
function deferAs(operation: string, payloadOf: (payload: unknown) => unknown = (p) => p): ChangeHandler {
  return async ({ transaction, connectionId, now }, { change }) => {
    await enqueue(transaction, {
      connectionId,
      source: change.source,
      target: QBO_SYSTEM,
      item: change.item,
      operation,
      sourceId: change.sourceId,
      payload: payloadOf(change.payload),
      now,
    });
    return { outcome: 'deferred' };
  };
}

/**
 * Writes wait in the outbox and go out at the connection's next sync (a job: at once for "sync
 * now", else at the interval), so a platform request never waits on QBO and every write is sent
 * with its row id as requestid.
 */
const HANDLERS: Readonly<Record<string, ChangeHandler>> = {
  /** Only when a partner's rules send platform customers to QBO: a Customer create, once. */
  'customer:upsert': checkedHandler(parseCustomer, async (input, allowed) => {
    const { change } = allowed;
    if (await latestRow(input.transaction, input.connectionId, 'customer', change.sourceId, 'customer-create'))
      return { outcome: 'skipped', error: { kind: 'conflict', message: 'This customer was already sent to QuickBooks Online.' } };
    return deferAs('customer-create')(input, allowed);
  }),
  'payment:upsert': checkedHandler(parsePayment, deferAs('payment-create')),
  /** A failed payment: never sent yet means cancel; otherwise delete it in QBO at the next sync. */
  'payment:delete': async (input, allowed) => {
    const { transaction, connectionId, now } = input;
    const { change } = allowed;
    if (await latestRow(transaction, connectionId, 'payment', change.sourceId, 'payment-delete'))
      return { outcome: 'skipped', error: { kind: 'conflict', message: 'This payment is already being reverted in QuickBooks Online.' } };
    const unsent = (await openRowsFor(transaction, connectionId, 'payment', change.sourceId)).find(
      (r) => r.operation === 'payment-create' && r.state === 'pending',
    );
    if (unsent) {
      await markOutbox(transaction, unsent.id, { state: 'cancelled', message: 'The payment failed before it reached QuickBooks Online.' }, now);
      return { outcome: 'applied' };
    }
    return deferAs('payment-delete')(input, allowed);
  },
  /**
   * A payout becomes a Deposit from Undeposited Funds, unless the partner's payments go straight
   * to a bank account: then the money is already there and no deposit is needed.
   */
  'deposit:upsert': checkedHandler(parseDeposit, async (input, allowed) => {
    const { paymentAccountId } = await qboSettings(input.transaction, input.connectionId);
    const account = paymentAccountId ? (await qboAccountsOf(input.transaction, input.connectionId)).find((a) => a.id === paymentAccountId) : undefined;
    if (account?.account_type === 'Bank')
      return {
        outcome: 'skipped',
        error: { kind: 'invalid', message: `Payments go straight to the bank account "${account.full_name}" in QuickBooks Online, so no deposit is needed.` },
      };
    return deferAs('deposit-create')(input, allowed);
  }),
  /** Marked paid on the platform: a payment of what QBO still shows owing, for an invoice QBO has (its id is the change's targetId). */
  'invoice:status': async (input, allowed) => {
    const { change } = allowed;
    const status = (change.payload as StatusPayload).status;
    if (status !== 'paid')
      return { outcome: 'skipped', error: { kind: 'invalid', message: `QuickBooks Online takes an invoice marked paid, not "${status}".` } };
    const invoiceId = change.targetId ?? (change.source === QBO_SYSTEM ? change.sourceId : undefined);
    if (!invoiceId)
      return { outcome: 'skipped', error: { kind: 'invalid', message: 'The invoice is not in QuickBooks Online, so it cannot be marked paid there.' } };
    return deferAs('invoice-paid', () => ({ status, invoiceId }))(input, allowed);
  },
};

/** QuickBooks Online as a sync target: writes become outbox rows that the connection's sync job carries out. */
export const qboAdapter = defineAdapter({
  portVersion: 1,
  system: QBO_SYSTEM,
  displayName: QBO_DISPLAY_NAME,
  quietAdvice:
    'The service calls QuickBooks Online itself, so a quiet connection means its calls are failing. ' +
    "Check the connection's last error: if QuickBooks Online no longer accepts the connection, reconnect it from the Integrations page; " +
    'if it is paused, resume it.',
  reads: ['customer', 'invoice'],
  writes: ['customer', 'invoice', 'payment', 'deposit'],
  recordsInTarget: recordsInQbo,
  apply: applyWithHandlers(HANDLERS, QBO_DISPLAY_NAME),
});
