import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../../../core/errors/app-error';
import { Connection } from '../../../../core/store/entities/connection';
import { OutboxRow, markOutbox } from '../../../../core/store/outbox';
import { recordFinishedWrite } from '../../../../core/store/sync-events';
import type { QbRecord } from '../../qbxml/records/qb-record';
import type { QbxmlRequest } from '../../qbxml/requests/qbxml-request';
import type { QbdSettings } from '../../store/qbd-settings';
import type { StepContext } from '../steps/session-step';

/** What a request asked of QuickBooks for an outbox row: to look for it (a lost answer), add it, or delete it. */
export type WriteKind = 'lookup' | 'add' | 'delete';

/** What a writer has at hand when it builds a request. */
export interface WriterContext {
  readonly em: EntityManager;
  readonly connectionId: string;
  readonly requestId: string;
  readonly now: Date;
  readonly settings: QbdSettings;
}

/** The request for a row, or what to do instead: settled here ('skip'), or not yet ('wait'). */
export type WriteRequest = QbxmlRequest | 'skip' | 'wait';

/**
 * A write of one request to QuickBooks, per outbox operation, as data: how to build it (or the
 * look-up, when an earlier answer was lost), how to recognise our own record in an answer, what to
 * do once QuickBooks took it, and in what words to ask the partner when it refused. The outbox
 * step runs every writer the same way (outbox-step.ts). Writes of several requests are phased
 * writes instead (steps/phased-write.ts).
 */
export interface SimpleWriter {
  readonly operation: string;
  /** How the session's counts name its records, e.g. 'payments'. */
  readonly what: string;
  /** It cannot be written before the partner chose the account payments go to. */
  readonly needsPaymentAccount?: boolean;
  /** Its word in the sync log: what it did to the item, whatever QuickBooks calls it. */
  readonly logAs: string;
  request(context: WriterContext, row: OutboxRow): Promise<WriteRequest>;
  isOurs(record: QbRecord, guid: string): boolean;
  idOf(record: QbRecord): string;
  onDone?(context: StepContext, row: OutboxRow, kind: WriteKind): Promise<void>;
  /** What the partner is told when QuickBooks refused it for good (by status class). */
  refusal?(statusClass: string, refused: string): string;
}

/** Declares a writer and checks it at load. */
export function defineWriter(writer: SimpleWriter): SimpleWriter {
  if (!writer.operation || !writer.what || !writer.logAs) throw new AppError('internal', `The writer "${writer.operation}" is not defined correctly.`);
  return writer;
}

/** The row goes out with this request: QuickBooks' answer to it settles the row. */
export async function markSent(context: WriterContext, row: OutboxRow, kind: WriteKind): Promise<void> {
  await markOutbox(context.em, row.id, { state: 'sent', request: { id: context.requestId, kind } }, context.now);
}

/** A write ends here (done, or needing the partner): its row says so, and so does the sync log. */
export async function settleRow(
  em: EntityManager,
  row: OutboxRow,
  end: { state: 'done' | 'needs-action'; targetId?: string; message?: string },
  now: Date,
  logAs: string,
): Promise<void> {
  await markOutbox(em, row.id, end, now);
  await recordFinishedWrite(em, row, { operation: logAs, outcome: end.state === 'done' ? 'applied' : 'failed', message: end.message ?? null }, now);
}

/** What stands in the way, shown on the connection until the next session starts clean. */
export async function showProblem(em: EntityManager, connectionId: string, code: string, message: string): Promise<void> {
  await em.nativeUpdate(Connection, { id: connectionId }, { lastErrorCode: code, lastErrorMessage: message });
}
