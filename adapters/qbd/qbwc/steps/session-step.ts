import type { EntityManager } from '@mikro-orm/postgresql';
import type { ObservableInput } from 'rxjs';
import type { Change } from '../../../../core/changes/change';
import { AppError } from '../../../../core/errors/app-error';
import type { RoutedOutcome } from '../../../../core/pipeline/flow-decision';
import type { QbxmlEvent, ResponseStatus } from '../../qbxml/reader/qbxml-events';
import type { RetReaders } from '../../qbxml/reader/read-qbxml';
import type { QbxmlRequest } from '../../qbxml/requests/qbxml-request';
import { QBD_SYSTEM } from '../../qbd-system';
import type { Instant } from '../../../../core/values/instant';
import type { SyncSettings } from '../../../../core/config/app-config';
import type { ItemKind } from '../../../../core/items/item-kind';

export interface StepContext {
  readonly em: EntityManager;
  readonly connectionId: string;
  readonly requestId: string;
  readonly now: Date;
  /** The step's own progress from the previous call of this session (empty on its first). */
  readonly state: Readonly<Record<string, string>>;
  /** The partner asked for "sync now": check everything, not only what changed. */
  readonly fullSync: boolean;
  /** The connection's sync settings as its session started with them (resolveSyncSettings). */
  readonly sync: Readonly<SyncSettings>;
  /**
   * Sends changes through the rules to the target system, in the caller's transaction, as they
   * come; outcomes decided before routing (unreadable records) are logged as going nowhere.
   */
  route(changes: ObservableInput<Change | RoutedOutcome>): Promise<readonly RoutedOutcome[]>;
}

export interface StepResult {
  /** True when the step has everything; false when it needs another request (an iterator page). */
  readonly done: boolean;
  /** Counts for the session summary, e.g. `{ accounts: 42 }`. */
  readonly counts: Readonly<Record<string, number>>;
  /** What the next call of this step needs; dropped once the step is done. */
  readonly state?: Readonly<Record<string, string>>;
  /** What the partner should see on the connection, when the step knows better than its name. */
  readonly progress?: { readonly phase: string; readonly percent: number };
}

/** What a step may look at when it builds its request. */
export type RequestContext = Omit<StepContext, 'route'>;

export type StepRequest = QbxmlRequest | readonly QbxmlRequest[] | undefined;

/** What a step may look at when a session's plan is made (at authenticate). */
export type PlanContext = Pick<StepContext, 'em' | 'connectionId' | 'now' | 'fullSync'> & {
  /** Whether the partner's rules let this item, read from QuickBooks, reach another system (flows-out.ts); absent: no. */
  readonly flowsOut?: (item: ItemKind) => boolean;
};

/**
 * One step of a session's plan, as data plus two functions: the request to send, and what to do
 * with QuickBooks' answer (stored in the caller's transaction, with the session's progress).
 */
export interface SessionStep {
  readonly name: string;
  /** What the partner sees as the connection's progress phase during this step. */
  readonly phase: string;
  /**
   * For steps that run only now and then: whether this session needs it. Decided when the plan
   * is made, so the last planned step always asks and the session ends at 100.
   */
  isDue?(context: PlanContext): Promise<boolean>;
  /** Readers for its answers when the step trims them (IncludeRetElement); the full readers otherwise. */
  readonly retReaders?: RetReaders;
  /**
   * Whether this request may share one message set with the steps beside it in the plan: it
   * only reads, is usually answered in one page, and what it asks does not depend on what the
   * steps before it store in this session (their answers are stored after it is asked). Absent:
   * never. See message-batch.ts.
   */
  shares?(context: RequestContext): Promise<boolean> | boolean;
  /**
   * The next request (or several, in the order QuickBooks should run them, with ids that are
   * `requestId` plus a suffix), or undefined when the step has nothing to ask (the session moves on).
   */
  buildRequest(context: RequestContext): Promise<StepRequest> | StepRequest;
  handleAnswer(context: StepContext, events: readonly QbxmlEvent[]): Promise<StepResult>;
}

/** The status of this step's request; a failure status becomes an AppError of its kind. */
export function statusOf(events: readonly QbxmlEvent[], requestId: string): ResponseStatus {
  const status = events.find((e): e is Extract<QbxmlEvent, { kind: 'status' }> => e.kind === 'status' && e.status.requestId === requestId)?.status;
  if (!status) throw new AppError('malformed', `QuickBooks' answer has no response for request ${requestId}.`);
  if (status.meaning.errorKind && status.meaning.class !== 'bad-iterator') {
    throw new AppError(status.meaning.errorKind, `QuickBooks answered ${status.statusCode}: ${status.statusMessage ?? 'no message'}`);
  }
  return status;
}

/** Counts outcomes by kind for a session summary, e.g. `{ 'customers applied': 3 }`. */
export function countOutcomes(what: string, outcomes: readonly RoutedOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    // A record read again as it was is counted apart: "skipped" is kept for what needs a reason.
    const key = `${what} ${o.effect === 'unchanged' ? 'unchanged' : o.outcome}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** An outcome for a QuickBooks record that could not be read or mapped: counted as failed, with why. */
export function unreadableRecord(item: string, sourceId: string, message: string, now: Date): RoutedOutcome {
  return {
    change: { item, operation: 'upsert', source: QBD_SYSTEM, sourceId, observedAt: now.toISOString() as Instant, payload: undefined },
    outcome: 'failed',
    message,
  };
}
