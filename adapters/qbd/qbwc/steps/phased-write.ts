import { AppError } from '../../../../core/errors/app-error';
import { OutboxRow, markOutbox } from '../../../../core/store/outbox';
import { settleRow } from '../writers/simple-writer';
import type { QbxmlEvent, ResponseStatus } from '../../qbxml/reader/qbxml-events';
import type { QbxmlRequest } from '../../qbxml/requests/qbxml-request';
import type { RequestContext, StepContext, StepResult } from './session-step';

/** What every phased write keeps between requests: the phase to do next, then its own notes. */
export interface PhaseProgress {
  readonly next: string;
}

export type PhaseRequestContext = Pick<RequestContext, 'em' | 'connectionId' | 'requestId' | 'now'>;

/** One phase: the request it sends, and what its answer moves the write to. */
export interface PhaseFacts<T, P extends PhaseProgress> {
  /** The request kind the outbox row carries while this phase's request is out. */
  readonly kind: string;
  /** Where to resume when this phase's answer was lost: a write is never sent again on a guess. */
  readonly afterLostAnswer: P['next'];
  request(ctx: PhaseRequestContext, target: T, progress: P): QbxmlRequest | QbxmlRequest[];
  answer(ctx: StepContext, target: T, progress: P, events: readonly QbxmlEvent[]): Promise<StepResult>;
}

/** A write of several QuickBooks requests, as a table of phases, driven by its outbox row. */
export interface PhasedWrite<T extends { readonly row: OutboxRow }> {
  /** Whether the row's open request is one of this write's (its answer goes to `answer`). */
  owns(row: OutboxRow): boolean;
  /** The next request; 'skip' when the row was settled instead (what it holds can never be written). */
  request(ctx: PhaseRequestContext, target: T): Promise<QbxmlRequest | QbxmlRequest[] | 'skip'>;
  answer(ctx: StepContext, target: T, events: readonly QbxmlEvent[]): Promise<StepResult>;
}

/**
 * Builds the driver of a phased write: the row's progress says which phase is next (`first` for
 * a new row); a row still `sent` lost its answer, so its phase's afterLostAnswer goes instead.
 * What a phase learns is stored with the row, so a new session resumes where the write stood.
 */
export function definePhasedWrite<T extends { readonly row: OutboxRow }, P extends PhaseProgress>(
  phases: Readonly<Record<P['next'], PhaseFacts<T, P>>>,
  first: P,
): PhasedWrite<T> {
  const entries = Object.entries(phases) as [P['next'], PhaseFacts<T, P>][];
  const phaseByKind = new Map(entries.map(([phase, facts]) => [facts.kind, phase]));
  const progressOf = (row: OutboxRow): P => (row.progress as unknown as P | null) ?? first;
  return {
    owns: (row) => row.request_kind !== null && phaseByKind.has(row.request_kind),
    async request(ctx, target) {
      const progress = progressOf(target.row);
      const lost = target.row.state === 'sent' && target.row.request_kind ? phaseByKind.get(target.row.request_kind) : undefined;
      const phase: P['next'] = lost !== undefined ? phases[lost].afterLostAnswer : progress.next;
      let request: QbxmlRequest | QbxmlRequest[];
      try {
        request = phases[phase].request(ctx, target, progress);
      } catch (error) {
        // Text QuickBooks cannot hold, a line without an item: no retry will change that, the partner can.
        if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
        await markOutbox(
          ctx.em,
          target.row.id,
          { state: 'needs-action', message: `QuickBooks cannot take this ${target.row.item}: ${error.message}` },
          ctx.now,
        );
        return 'skip';
      }
      await markOutbox(
        ctx.em,
        target.row.id,
        { state: 'sent', request: { id: ctx.requestId, kind: phases[phase].kind }, progress: toNotes({ ...progress, next: phase }) },
        ctx.now,
      );
      return request;
    },
    async answer(ctx, target, events) {
      const phase = phaseByKind.get(target.row.request_kind ?? '');
      if (phase === undefined) throw new AppError('internal', `Outbox row ${target.row.id} waits for no phase of this write.`);
      return phases[phase].answer(ctx, target, progressOf(target.row), events);
    },
  };
}

const toNotes = (progress: PhaseProgress): Record<string, unknown> => progress as unknown as Record<string, unknown>;

/** The next phase, with what this one learnt (and, when given, the id of what the write made). */
export async function moveOn<P extends PhaseProgress>(ctx: StepContext, row: OutboxRow, progress: P, targetId?: string): Promise<StepResult> {
  await markOutbox(ctx.em, row.id, { state: 'pending', targetId, progress: toNotes(progress) }, ctx.now);
  return { done: false, counts: {} };
}

/**
 * The write ends: done (applied) or needing the partner (failed), with the message on its row, a
 * line in the sync log, and one more of `count` in the session summary.
 */
export async function settleWrite(
  ctx: StepContext,
  row: OutboxRow,
  end: { outcome: 'applied' | 'failed'; operation: string; message: string; count: string; targetId?: string },
): Promise<StepResult> {
  const state = end.outcome === 'applied' ? 'done' : 'needs-action';
  await settleRow(ctx.em, row, { state, targetId: end.targetId, message: end.message }, ctx.now, end.operation);
  return { done: false, counts: { [end.count]: 1 } };
}

/** QuickBooks is busy (a lock): nothing was written; the same phase runs at the next session. */
export async function postpone(ctx: StepContext, row: OutboxRow, status: ResponseStatus): Promise<StepResult> {
  await markOutbox(ctx.em, row.id, { state: 'pending', message: refusedBy(status) }, ctx.now);
  return { done: true, counts: { 'writes postponed (QuickBooks busy)': 1 } };
}

export const refusedBy = (status: ResponseStatus) => `QuickBooks refused it (${status.statusCode}): ${status.statusMessage ?? 'no message'}`;

export function statusFor(events: readonly QbxmlEvent[], requestId: string): ResponseStatus {
  const found = events.find((e): e is Extract<QbxmlEvent, { kind: 'status' }> => e.kind === 'status' && e.status.requestId === requestId);
  if (!found) throw new AppError('malformed', `QuickBooks' answer has no response for request ${requestId}.`);
  return found.status;
}

export function recordsOf<R>(events: readonly QbxmlEvent[], type: string): R[] {
  return events.flatMap((e) => (e.kind === 'record' && e.record.type === type ? [e.record as R] : []));
}

/** A read QuickBooks could not run says nothing: the row stays where it is and is read again later. */
export function requireRead(status: ResponseStatus, what: string): void {
  if (status.meaning.errorKind)
    throw new AppError(status.meaning.errorKind, `QuickBooks could not read the ${what} (${status.statusCode}): ${status.statusMessage ?? 'no message'}`);
}

/** A read by id that found nothing: QuickBooks says 3120, or status 1 (no match) on some versions. */
export const gone = (status: ResponseStatus) => status.meaning.class === 'not-found' || status.meaning.class === 'no-match';

export const bracedUuid = (uuid: string) => `{${uuid.toUpperCase()}}`;
