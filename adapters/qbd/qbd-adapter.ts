import { ChangeHandler, applyWithHandlers, checkedHandler } from '../../core/ports/apply-with-handlers';
import { defineAdapter } from '../../core/ports/define-adapter';
import { enqueue, latestRow, markOutbox, openRowsFor, replacePendingPayload } from '../../core/store/outbox';
import { parseCustomer } from '../../core/items/customer';
import { parseDeposit } from '../../core/items/deposit';
import { Invoice, parseInvoice } from '../../core/items/invoice';
import { parsePayment } from '../../core/items/payment';
import type { InvoiceEdit } from './qbwc/steps/invoice-edit-write';
import { QBD_SYSTEM } from './qbd-system';
import { qbdSettings } from './store/qbd-settings';
import { recordsInQuickBooks } from './records-in-quickbooks';
import { accountsOf } from './store/account-store';

/** QuickBooks cannot be called: every write waits in the outbox for the next Web Connector session. */
const HANDLERS: Readonly<Record<string, ChangeHandler>> = {
  /** Only when a partner's rules send platform customers to QuickBooks: a CustomerAdd, once. */
  'customer:upsert': checkedHandler(parseCustomer, async ({ transaction, connectionId, now }, { change }) => {
    if (await latestRow(transaction, connectionId, 'customer', change.sourceId, 'customer-add'))
      return { outcome: 'skipped', error: { kind: 'conflict', message: 'This customer was already sent to QuickBooks.' } };
    await enqueue(transaction, {
      connectionId,
      source: change.source,
      target: QBD_SYSTEM,
      item: 'customer',
      operation: 'customer-add',
      sourceId: change.sourceId,
      payload: change.payload,
      now,
    });
    return { outcome: 'deferred' };
  }),
  /**
   * Only when a partner's rules send platform invoices to QuickBooks. One made on the platform:
   * an InvoiceAdd, once (an edit made before it left rides along). An edit of an invoice QuickBooks
   * has (it came from there: targetId; or we added it): an InvoiceMod of what the rules let through.
   */
  'invoice:upsert': checkedHandler(parseInvoice, async ({ transaction, connectionId, now }, { change, allowedGroups }) => {
    const invoice = change.payload as Invoice;
    const allows = (group: string) => allowedGroups.includes(group) || allowedGroups.includes('*');
    const added = change.targetId ? undefined : await latestRow(transaction, connectionId, 'invoice', change.sourceId, 'invoice-add');
    if (!change.targetId && (!added || added.state === 'needs-action' || added.state === 'cancelled')) {
      if (!allows('lines'))
        return {
          outcome: 'skipped',
          error: { kind: 'invalid', message: 'The rules let the invoice but not its lines through: QuickBooks cannot add an invoice without its lines.' },
        };
      await enqueue(transaction, {
        connectionId,
        source: change.source,
        target: QBD_SYSTEM,
        item: 'invoice',
        operation: 'invoice-add',
        sourceId: change.sourceId,
        payload: invoice,
        now,
      });
      return { outcome: 'deferred' };
    }
    if (added && (await replacePendingPayload(transaction, added.id, invoice, now))) return { outcome: 'deferred' };
    const edit: InvoiceEdit = {
      txnId: change.targetId,
      dueDate: allows('due-date') ? invoice.dueDate : undefined,
      lines: allows('lines') ? invoice.lines : undefined,
    };
    if (edit.dueDate === undefined && edit.lines === undefined)
      return { outcome: 'skipped', error: { kind: 'invalid', message: 'The rules let no changed field of this invoice through to QuickBooks.' } };
    await enqueue(transaction, {
      connectionId,
      source: change.source,
      target: QBD_SYSTEM,
      item: 'invoice',
      operation: 'invoice-mod',
      sourceId: change.sourceId,
      payload: edit,
      now,
    });
    return { outcome: 'deferred' };
  }),
  'payment:upsert': checkedHandler(parsePayment, async ({ transaction, connectionId, now }, { change }) => {
    await enqueue(transaction, {
      connectionId,
      source: change.source,
      target: QBD_SYSTEM,
      item: 'payment',
      operation: 'receive-payment',
      sourceId: change.sourceId,
      payload: change.payload,
      now,
    });
    return { outcome: 'deferred' };
  }),
  /** A failed payment: never sent yet means cancel; otherwise delete it in QuickBooks at the next session. */
  'payment:delete': async ({ transaction, connectionId, now }, { change }) => {
    if (await latestRow(transaction, connectionId, 'payment', change.sourceId, 'delete-payment'))
      return { outcome: 'skipped', error: { kind: 'conflict', message: 'This payment is already being reverted in QuickBooks.' } };
    const open = await openRowsFor(transaction, connectionId, 'payment', change.sourceId);
    const unsent = open.find((r) => r.operation === 'receive-payment' && r.state === 'pending');
    if (unsent) {
      await markOutbox(transaction, unsent.id, { state: 'cancelled', message: 'The payment failed before it reached QuickBooks.' }, now);
      return { outcome: 'applied' };
    }
    await enqueue(transaction, {
      connectionId,
      source: change.source,
      target: QBD_SYSTEM,
      item: 'payment',
      operation: 'delete-payment',
      sourceId: change.sourceId,
      payload: change.payload,
      now,
    });
    return { outcome: 'deferred' };
  },
  /**
   * A payout becomes a DepositAdd from Undeposited Funds, unless the partner's payments go
   * straight to a bank account: then the money is already there and no deposit is needed.
   */
  'deposit:upsert': checkedHandler(parseDeposit, async ({ transaction, connectionId, now }, { change }) => {
    const { paymentAccountId } = await qbdSettings(transaction, connectionId);
    const paymentAccount = paymentAccountId ? (await accountsOf(transaction, connectionId)).find((a) => a.list_id === paymentAccountId) : undefined;
    if (paymentAccount?.account_type === 'Bank') {
      return {
        outcome: 'skipped',
        error: { kind: 'invalid', message: `Payments go straight to the bank account "${paymentAccount.full_name}" in QuickBooks, so no deposit is needed.` },
      };
    }
    await enqueue(transaction, {
      connectionId,
      source: change.source,
      target: QBD_SYSTEM,
      item: 'deposit',
      operation: 'deposit',
      sourceId: change.sourceId,
      payload: change.payload,
      now,
    });
    return { outcome: 'deferred' };
  }),
};

/** QuickBooks Desktop as a sync target: writes become outbox rows that Web Connector sessions carry out. */
export const qbdAdapter = defineAdapter({
  portVersion: 1,
  system: QBD_SYSTEM,
  displayName: 'QuickBooks Desktop',
  quietAdvice:
    'The Web Connector syncs only while its computer is on and awake, with the Web Connector running and the app ticked for auto-run. ' +
    'Check that the computer is not asleep or shut down, that QuickBooks Web Connector is open (it sits in the taskbar tray), and that QuickBooks can open the company file; then press Update Selected.',
  reads: ['customer', 'invoice', 'account', 'estimate'],
  writes: ['customer', 'invoice', 'payment', 'deposit'],
  recordsInTarget: recordsInQuickBooks,
  apply: applyWithHandlers(HANDLERS, 'QuickBooks'),
});
