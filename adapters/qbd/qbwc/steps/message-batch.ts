import type { QbxmlEvent } from '../../qbxml/reader/qbxml-events';
import type { QbxmlRequest } from '../../qbxml/requests/qbxml-request';
import type { BatchMember } from '../../store/session-store';
import type { RequestContext, SessionStep, StepRequest } from './session-step';
import { SESSION_STEPS } from './session-steps';

/** The requests of one call, and which steps they belong to. */
export interface MessageBatch {
  /** The plan index of the first step that asks: where the session stands while it waits. */
  readonly head: number;
  readonly members: readonly BatchMember[];
  readonly requests: readonly QbxmlRequest[];
}

type BatchContext = Omit<RequestContext, 'requestId' | 'state'> & {
  /** Numbers this call's request ids: one more than the calls so far. */
  readonly call: number;
  /**
   * Tells this session's request ids from an earlier session's: a write whose answer was lost
   * keeps its request id until it is settled, and a new session numbers its calls from 1 again.
   */
  readonly session: string;
};

const asList = (request: StepRequest): readonly QbxmlRequest[] => (request === undefined ? [] : Array.isArray(request) ? request : [request as QbxmlRequest]);
const requestIdOf = (step: SessionStep, index: number, context: BatchContext) => `${step.name}-${index}-${context.call}-${context.session}`;

/**
 * The next call's message set. Its head is the first step from `from` with something to ask
 * (steps with nothing are passed over). When the head starts afresh and shares, the steps after
 * it that share put their requests in the same message set, in plan order, up to the first that
 * does not: the reference allows any number of requests in one QBXMLMsgsRq, answered in order
 * (§4.1, pitfall 18). An incremental session then reads everything in one round trip instead
 * of one a step (22 calls a session became 6; benchmark 3). A step that continues (an
 * iterator's next page) goes alone, as does one that reads records its own way (retReaders):
 * one reader takes the whole answer.
 */
export async function nextBatch(
  plan: readonly string[],
  from: number,
  state: Readonly<Record<string, string>>,
  context: BatchContext,
): Promise<MessageBatch | undefined> {
  for (let head = from; head < plan.length; head++) {
    const step = SESSION_STEPS[plan[head]];
    const headState = head === from ? state : {};
    const requestId = requestIdOf(step, head, context);
    const requests = [...asList(await step.buildRequest({ ...context, requestId, state: headState }))];
    if (requests.length === 0) continue;
    const members: BatchMember[] = [{ step: head, requestId, requestIds: requests.map((r) => r.requestId) }];
    const grows = Object.keys(headState).length === 0 && !step.retReaders && (await step.shares?.({ ...context, requestId, state: headState }));
    for (let next = head + 1; grows && next < plan.length; next++) {
      const follower = SESSION_STEPS[plan[next]];
      const followerContext = { ...context, requestId: requestIdOf(follower, next, context), state: {} };
      if (follower.retReaders || !(await follower.shares?.(followerContext))) break;
      const own = asList(await follower.buildRequest(followerContext));
      members.push({ step: next, requestId: followerContext.requestId, requestIds: own.map((r) => r.requestId) });
      requests.push(...own);
    }
    return { head, members, requests };
  }
  return undefined;
}

/** The part of a batch's answer that belongs to one member: its responses and their records. */
export function eventsOf(events: readonly QbxmlEvent[], member: BatchMember): QbxmlEvent[] {
  const ids = new Set(member.requestIds);
  return events.filter((e) => ids.has((e.kind === 'status' ? e.status.requestId : e.requestId) ?? ''));
}
