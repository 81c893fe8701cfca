import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../../core/errors/app-error';
import { QbxmlEvent } from '../qbxml/reader/qbxml-events';
import { AccountRecord } from '../qbxml/records/account-record';
import { buildAccountQuery } from '../qbxml/requests/list-queries';
import { QbxmlRequest } from '../qbxml/requests/qbxml-request';
import { replaceAccounts } from '../store/qbd-store';

export interface StepContext {
  readonly em: EntityManager;
  readonly connectionId: string;
  readonly requestId: string;
}

export interface StepResult {
  /** True when the step has everything; false when it needs another request (an iterator page). */
  readonly done: boolean;
  /** Counts for the session summary, e.g. `{ accounts: 42 }`. */
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * One step of a session's plan, as data plus two functions: the request to send, and what to do
 * with QuickBooks' answer (stored in the caller's transaction, with the session's progress).
 */
export interface SessionStep {
  readonly name: string;
  /** What the partner sees as the connection's progress phase during this step. */
  readonly phase: string;
  buildRequest(context: StepContext): QbxmlRequest;
  handleAnswer(context: StepContext, events: readonly QbxmlEvent[]): Promise<StepResult>;
}

/** Fails a step whose answer carries an error status for its request. */
function checkStatus(events: readonly QbxmlEvent[], requestId: string): void {
  for (const e of events) {
    if (e.kind === 'status' && e.status.requestId === requestId && e.status.meaning.errorKind) {
      throw new AppError(e.status.meaning.errorKind, `QuickBooks answered ${e.status.statusCode}: ${e.status.statusMessage ?? 'no message'}`);
    }
  }
}

/** The chart of accounts, active and inactive (AccountQuery has no iterator: it is small). */
const accountsStep: SessionStep = {
  name: 'accounts',
  phase: 'accounts',
  buildRequest: ({ requestId }) => buildAccountQuery({ requestId, select: { activeStatus: 'All' } }),
  async handleAnswer({ em, connectionId, requestId }, events) {
    checkStatus(events, requestId);
    const accounts = events.flatMap((e) => (e.kind === 'record' && e.record.type === 'AccountRet' ? [e.record as AccountRecord] : []));
    await replaceAccounts(
      em,
      connectionId,
      accounts.map((a) => ({ list_id: a.listId, name: a.name, full_name: a.fullName, account_type: a.accountType, special_account_type: a.specialAccountType ?? null, is_active: a.isActive, edit_sequence: a.editSequence })),
    );
    return { done: true, counts: { accounts: accounts.length } };
  },
};

/** Every step a plan may name. The sync engine adds its steps here. */
export const SESSION_STEPS: Readonly<Record<string, SessionStep>> = { accounts: accountsStep };

/** What a session does, in order. Today: the chart of accounts (the HCP answer is read first, always). */
export function planSteps(): string[] {
  return ['accounts'];
}
