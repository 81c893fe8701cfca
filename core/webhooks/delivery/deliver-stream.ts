import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../runtime/logger';
import type { WebhookSender } from '../outbound/webhook-sender';
import { signWebhook } from '../outbound/webhook-signature';
import { recordAttempt } from './attempt-outcome';
import { ClaimedDelivery, StreamKey, claimHead } from './stream-head';

export interface StreamRunParts {
  readonly em: () => EntityManager;
  readonly sender: WebhookSender;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly userAgent: string;
  /** Longer than the sender's 15 s timeout, so a claim outlives its request. */
  readonly leaseSeconds: number;
  /** A job gives its worker back after this many deliveries or milliseconds (the pump queues the rest). */
  readonly maxDeliveries: number;
  readonly maxMs: number;
}

/**
 * One run of a stream's job: sends its due deliveries in event order, one at a time, until one
 * has to wait for a retry, none is due, or the run's budget is spent. Returns how many were sent.
 */
export async function deliverStream(key: StreamKey, parts: StreamRunParts): Promise<number> {
  const started = Date.now();
  let sent = 0;
  while (sent < parts.maxDeliveries && Date.now() - started < parts.maxMs) {
    const em = parts.em();
    const claimed = await claimHead(em, key, parts.clock(), parts.leaseSeconds);
    if (!claimed) break;
    const attempt = await parts.sender.send(webhookRequest(claimed, parts.userAgent));
    sent++;
    if ((await recordAttempt(em, claimed, attempt, parts.clock(), parts.logger)) === 'stop') break;
  }
  return sent;
}

/**
 * The request of one attempt (Standard Webhooks): the body is the same bytes on every attempt
 * (the event as stored); `webhook-timestamp` is this attempt's wall-clock time, since receivers
 * check it against theirs (±5 min), whatever clock schedules the attempts.
 */
export function webhookRequest(claimed: ClaimedDelivery, userAgent: string): { url: string; headers: Record<string, string>; body: string } {
  const body = JSON.stringify({ type: claimed.type, timestamp: new Date(claimed.created_at).toISOString(), data: claimed.payload });
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    url: claimed.url,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': userAgent,
      'webhook-id': claimed.event_id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(claimed.secret, claimed.event_id, timestamp, body),
    },
  };
}
