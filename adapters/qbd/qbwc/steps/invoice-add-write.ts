import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../../../core/errors/app-error';
import type { Invoice } from '../../../../core/items/invoice';
import type { OutboxRow } from '../../../../core/store/outbox';
import type { InvoiceRecord } from '../../qbxml/records/invoice-record';
import { buildInvoiceAdd } from '../../qbxml/requests/invoice-writes';
import { buildTxnQuery } from '../../qbxml/requests/txn-queries';
import { quickBooksLines, withoutItemProblem } from './invoice-lines';
import { PhaseFacts, bracedUuid, definePhasedWrite, moveOn, postpone, recordsOf, refusedBy, requireRead, settleWrite, statusFor } from './phased-write';
import { quickBooksIdOf } from './quickbooks-id-of';
import type { StepContext, StepResult } from './session-step';

type Phase = 'post' | 'find';

interface AddProgress {
  readonly next: Phase;
}

/** A platform invoice on its way to QuickBooks, with its customer's ListID. */
export interface InvoiceAddTarget {
  readonly row: OutboxRow;
  readonly customerListId: string;
}

function finish(ctx: StepContext, row: OutboxRow, invoice: InvoiceRecord): Promise<StepResult> {
  const message = `Added to QuickBooks as invoice${invoice.refNumber ? ` ${invoice.refNumber}` : ''} (TxnID ${invoice.txnId}).`;
  return settleWrite(ctx, row, { outcome: 'applied', operation: 'add', message, count: 'invoices sent', targetId: invoice.txnId });
}

const PHASES: Readonly<Record<Phase, PhaseFacts<InvoiceAddTarget, AddProgress>>> = {
  post: {
    kind: 'invoice-post',
    afterLostAnswer: 'find',
    request: ({ requestId }, t) => {
      const invoice = t.row.payload as unknown as Invoice;
      const written = quickBooksLines(invoice.lines);
      // Thrown as invalid: the driver makes the row needs_action with these words.
      if ('withoutItem' in written) throw new AppError('invalid', withoutItemProblem(written.withoutItem));
      return buildInvoiceAdd({
        requestId,
        customer: { listId: t.customerListId },
        txnDate: invoice.txnDate,
        refNumber: invoice.number,
        dueDate: invoice.dueDate,
        memo: invoice.memo,
        externalGuid: bracedUuid(t.row.id),
        lines: written.lines,
      });
    },
    async answer(ctx, t, _progress, events) {
      const status = statusFor(events, ctx.requestId);
      const added = recordsOf<InvoiceRecord>(events, 'InvoiceRet')[0];
      // A warning that carries our invoice is an add that happened.
      if ((status.meaning.class === 'ok' || status.meaning.class === 'warning') && added) return finish(ctx, t.row, added);
      if (status.meaning.retry === 'next-session') return postpone(ctx, t.row, status);
      return settleWrite(ctx, t.row, {
        outcome: 'failed',
        operation: 'add',
        message: `QuickBooks did not add the invoice: ${refusedBy(status)}`,
        count: 'invoices needing action',
      });
    },
  },
  // After a lost answer: ours carries the row id as ExternalGUID; found means added, else add it now.
  find: {
    kind: 'invoice-find',
    afterLostAnswer: 'find',
    request: ({ requestId }, t) => {
      const invoice = t.row.payload as unknown as Invoice;
      return buildTxnQuery('invoice', { requestId, select: { txnDate: { from: invoice.txnDate, to: invoice.txnDate }, customerListIds: [t.customerListId] } });
    },
    async answer(ctx, t, progress, events) {
      const status = statusFor(events, ctx.requestId);
      const ours = recordsOf<InvoiceRecord>(events, 'InvoiceRet').find((i) => i.externalGuid?.toUpperCase() === bracedUuid(t.row.id));
      if (ours) return finish(ctx, t.row, ours);
      requireRead(status, 'invoices of a platform invoice whose answer was lost');
      return moveOn(ctx, t.row, { ...progress, next: 'post' });
    },
  },
};

/** InvoiceAdd of an invoice made on the platform, exactly once across lost answers. */
export const invoiceAddWrite = definePhasedWrite<InvoiceAddTarget, AddProgress>(PHASES, { next: 'post' });

/** The customer the invoice needs in QuickBooks: there, on its way (wait), or missing (the partner must act). */
export async function invoiceAddTargetOf(em: EntityManager, row: OutboxRow): Promise<InvoiceAddTarget | 'wait' | { needsAction: string }> {
  const customer = await quickBooksIdOf(em, row.connection_id, 'customer', (row.payload as unknown as Invoice).customerId);
  if (customer === 'wait') return 'wait';
  if ('missing' in customer) return { needsAction: `QuickBooks cannot take this invoice: ${customer.missing}.` };
  return { row, customerListId: customer.id };
}
