import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../../../core/errors/app-error';
import type { LineItem } from '../../../../core/items/sales-document';
import type { OutboxRow } from '../../../../core/store/outbox';
import type { LocalDate } from '../../../../core/values/instant';
import type { InvoiceRecord } from '../../qbxml/records/invoice-record';
import { buildInvoiceMod } from '../../qbxml/requests/invoice-writes';
import { buildTxnQuery } from '../../qbxml/requests/txn-queries';
import { quickBooksLines, sameLines, withoutItemProblem } from './invoice-lines';
import { PhaseFacts, definePhasedWrite, gone, moveOn, settleWrite, postpone, recordsOf, refusedBy, requireRead, statusFor } from './phased-write';
import { quickBooksIdOf } from './quickbooks-id-of';
import type { StepContext, StepResult } from './session-step';

/** What an edit made on the platform asks of a QuickBooks invoice: only what the rules let through. */
export interface InvoiceEdit {
  /** The invoice's TxnID when it came from QuickBooks; absent for one we added (found from that add). */
  readonly txnId?: string;
  readonly dueDate?: LocalDate;
  readonly lines?: readonly LineItem[];
}

type Phase = 'read' | 'apply';

interface EditProgress {
  readonly next: Phase;
  readonly editSequence?: string;
  /** What still differs from QuickBooks after the last read: only that is sent. */
  readonly sendDueDate?: boolean;
  readonly sendLines?: boolean;
  readonly staleRetries?: number;
}

export interface InvoiceEditTarget {
  readonly row: OutboxRow;
  readonly txnId: string;
}

const editOf = (row: OutboxRow) => row.payload as unknown as InvoiceEdit;

const settle = (ctx: StepContext, row: OutboxRow, txnId: string, outcome: 'applied' | 'failed', message: string): Promise<StepResult> =>
  settleWrite(ctx, row, {
    outcome,
    operation: 'edit',
    message,
    targetId: txnId,
    count: outcome === 'applied' ? 'invoice edits sent' : 'invoice edits needing action',
  });

const PHASES: Readonly<Record<Phase, PhaseFacts<InvoiceEditTarget, EditProgress>>> = {
  // The invoice as QuickBooks has it now: its EditSequence, and whether the edit is there already.
  read: {
    kind: 'invoice-read',
    afterLostAnswer: 'read',
    request: ({ requestId }, t) => buildTxnQuery('invoice', { requestId, select: { txnIds: [t.txnId] }, includeLineItems: true }),
    async answer(ctx, t, progress, events) {
      const status = statusFor(events, ctx.requestId);
      if (gone(status)) return settle(ctx, t.row, t.txnId, 'failed', 'The invoice is no longer in QuickBooks, so the edit made here could not be sent.');
      requireRead(status, 'invoice an edit is for');
      const invoice = recordsOf<InvoiceRecord>(events, 'InvoiceRet')[0];
      if (!invoice) throw new AppError('malformed', "QuickBooks answered the invoice's read without the invoice.");
      const edit = editOf(t.row);
      const sendDueDate = edit.dueDate !== undefined && edit.dueDate !== invoice.dueDate;
      const written = edit.lines ? quickBooksLines(edit.lines) : undefined;
      if (written && 'withoutItem' in written) return settle(ctx, t.row, t.txnId, 'failed', withoutItemProblem(written.withoutItem));
      const sendLines = written !== undefined && !sameLines(written.lines, invoice.lines);
      if (!sendDueDate && !sendLines)
        return settle(ctx, t.row, t.txnId, 'applied', `QuickBooks invoice ${invoice.refNumber ?? t.txnId} now has the edit made here.`);
      return moveOn(ctx, t.row, { ...progress, next: 'apply', editSequence: invoice.editSequence, sendDueDate, sendLines });
    },
  },
  // Only what differs is sent; lines, when sent, replace QuickBooks' lines.
  apply: {
    kind: 'invoice-apply',
    afterLostAnswer: 'read',
    request: ({ requestId }, t, p) => {
      const edit = editOf(t.row);
      const written = p.sendLines && edit.lines ? quickBooksLines(edit.lines) : undefined;
      if (written && 'withoutItem' in written) throw new AppError('invalid', withoutItemProblem(written.withoutItem));
      return buildInvoiceMod({
        requestId,
        txnId: t.txnId,
        editSequence: p.editSequence!,
        dueDate: p.sendDueDate ? edit.dueDate : undefined,
        lines: written?.lines,
      });
    },
    async answer(ctx, t, progress, events) {
      const status = statusFor(events, ctx.requestId);
      if (status.meaning.class === 'ok' || status.meaning.class === 'warning')
        return settle(ctx, t.row, t.txnId, 'applied', 'The edit made here was sent to QuickBooks.');
      // Changed in QuickBooks since our read: read again and try once more; then the partner decides.
      if (status.meaning.class === 'stale-edit-sequence' && (progress.staleRetries ?? 0) < 1) {
        return moveOn(ctx, t.row, { ...progress, next: 'read', staleRetries: (progress.staleRetries ?? 0) + 1 });
      }
      if (status.meaning.retry === 'next-session') return postpone(ctx, t.row, status);
      return settle(ctx, t.row, t.txnId, 'failed', `QuickBooks did not take the edit made here: ${refusedBy(status)}`);
    },
  },
};

/** InvoiceMod of an edit made on the platform: read, then change only what differs; once across lost answers. */
export const invoiceEditWrite = definePhasedWrite<InvoiceEditTarget, EditProgress>(PHASES, { next: 'read' });

/** The QuickBooks invoice the edit is for: known, on its way (our add of it is still open), or never there. */
export async function invoiceEditTargetOf(em: EntityManager, row: OutboxRow): Promise<InvoiceEditTarget | 'wait' | { needsAction: string }> {
  const known = editOf(row).txnId;
  const txn = known ? { id: known } : await quickBooksIdOf(em, row.connection_id, 'invoice', row.source_id);
  if (txn === 'wait') return 'wait';
  if ('missing' in txn) return { needsAction: `The edit could not be sent: ${txn.missing}.` };
  return { row, txnId: txn.id };
}
