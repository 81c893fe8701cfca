import { Answer } from './http-io';

/** requestid values are ≤ 50 characters (§6.5); longer ones are refused. */
export const MAX_REQUEST_ID = 50;

/**
 * Idempotency by the `requestid` query parameter (§6.5): a repeat for the same company gets the
 * original answer and nothing runs again. Only successful answers are kept: whether live QBO
 * replays a failed one is UNVERIFIED, and re-running a refused write is the safe reading.
 * Retention is UNVERIFIED (assume hours); here answers are kept for the simulator's life.
 */
export class RequestIds {
  private readonly answers = new Map<string, Answer>();

  replay(realmId: string, requestId: string | undefined): Answer | undefined {
    return requestId === undefined ? undefined : this.answers.get(`${realmId}\n${requestId}`);
  }

  remember(realmId: string, requestId: string | undefined, answer: Answer): void {
    if (requestId !== undefined && answer.status === 200) this.answers.set(`${realmId}\n${requestId}`, answer);
  }
}
