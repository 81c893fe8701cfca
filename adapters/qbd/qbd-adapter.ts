import { ChangeHandler, applyWithHandlers } from '../../core/ports/apply-with-handlers';
import { defineAdapter } from '../../core/ports/define-adapter';
import { enqueue, latestRow, markOutbox, openRowsFor } from '../../core/store/outbox';
import { Connection } from '../../core/store/entities/connection';
import { QBD_SYSTEM } from './qbd-system';
import { accountsOf } from './store/qbd-store';

/** QuickBooks cannot be called: every write waits in the outbox for the next Web Connector session. */
const HANDLERS: Readonly<Record<string, ChangeHandler>> = {
  /** Only when a partner's rules send platform customers to QuickBooks: a CustomerAdd, once. */
  'customer:upsert': async ({ transaction, connectionId, now }, { change }) => {
    if (await latestRow(transaction, 'customer', change.sourceId, 'customer-add')) return { outcome: 'skipped', error: { kind: 'conflict', message: 'This customer was already sent to QuickBooks.' } };
    await enqueue(transaction, { connectionId, source: change.source, target: QBD_SYSTEM, item: 'customer', operation: 'customer-add', sourceId: change.sourceId, payload: change.payload, now });
    return { outcome: 'deferred' };
  },
  'payment:upsert': async ({ transaction, connectionId, now }, { change }) => {
    await enqueue(transaction, { connectionId, source: change.source, target: QBD_SYSTEM, item: 'payment', operation: 'receive-payment', sourceId: change.sourceId, payload: change.payload, now });
    return { outcome: 'deferred' };
  },
  /** A failed payment: never sent yet means cancel; otherwise delete it in QuickBooks at the next session. */
  'payment:delete': async ({ transaction, connectionId, now }, { change }) => {
    const open = await openRowsFor(transaction, connectionId, 'payment', change.sourceId);
    const unsent = open.find((r) => r.operation === 'receive-payment' && r.state === 'pending');
    if (unsent) {
      await markOutbox(transaction, unsent.id, { state: 'cancelled', message: 'The payment failed before it reached QuickBooks.' }, now);
      return { outcome: 'applied' };
    }
    await enqueue(transaction, { connectionId, source: change.source, target: QBD_SYSTEM, item: 'payment', operation: 'delete-payment', sourceId: change.sourceId, payload: change.payload, now });
    return { outcome: 'deferred' };
  },
  /**
   * A payout becomes a DepositAdd from Undeposited Funds, unless the partner's payments go
   * straight to a bank account: then the money is already there and no deposit is needed.
   */
  'deposit:upsert': async ({ transaction, connectionId, now }, { change }) => {
    const connection = await transaction.findOneOrFail(Connection, { id: connectionId });
    const paymentAccount = connection.paymentAccountId ? (await accountsOf(transaction, connectionId)).find((a) => a.list_id === connection.paymentAccountId) : undefined;
    if (paymentAccount?.account_type === 'Bank') {
      return { outcome: 'skipped', error: { kind: 'invalid', message: `Payments go straight to the bank account "${paymentAccount.full_name}" in QuickBooks, so no deposit is needed.` } };
    }
    await enqueue(transaction, { connectionId, source: change.source, target: QBD_SYSTEM, item: 'deposit', operation: 'deposit', sourceId: change.sourceId, payload: change.payload, now });
    return { outcome: 'deferred' };
  },
};

/** QuickBooks Desktop as a sync target: writes become outbox rows that Web Connector sessions carry out. */
export const qbdAdapter = defineAdapter({
  portVersion: 1,
  system: QBD_SYSTEM,
  displayName: 'QuickBooks Desktop',
  reads: ['customer', 'invoice', 'account'],
  writes: ['customer', 'payment', 'deposit'],
  apply: applyWithHandlers(HANDLERS, 'QuickBooks'),
});
