import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../runtime/logger';
import type { WebhookRequest, WebhookSender } from '../outbound/webhook-sender';
import { signWebhook } from '../outbound/webhook-signature';
import { recordDelivered, recordFailure } from './attempt-outcome';
import { ReadyDelivery, StreamEndpoint, readyRun } from './stream-head';
import { StreamKey, releaseStream, takeStream } from './stream-lease';

export interface StreamRunParts {
  readonly em: () => EntityManager;
  readonly sender: WebhookSender;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly userAgent: string;
  /** Who holds the stream while this run sends (instance and job). */
  readonly holder: string;
  /** The stream's lease; renewed whenever less than half of it is left before a send. */
  readonly leaseSeconds: number;
  /** Deliveries read, sent in order, and recorded together. */
  readonly runSize: number;
  /** A job gives its worker back after this long (the pump queues the stream again if more is due). */
  readonly maxMs: number;
}

/**
 * One run of a stream's job: holds the stream, then sends its ready deliveries in event order,
 * one at a time, a run of them per read and per write, until one fails (it waits for its retry,
 * and so does everything behind it), none is ready, or the time is spent. A delivery sent but not
 * yet recorded when the instance dies is sent again by the next holder: at least once, same id.
 * Returns how many were sent.
 */
export async function deliverStream(key: StreamKey, parts: StreamRunParts): Promise<number> {
  const em = parts.em();
  if (!(await takeStream(em, key, parts.holder, parts.clock(), parts.leaseSeconds))) return 0;
  const started = Date.now();
  let leased = started;
  let sent = 0;
  try {
    while (Date.now() - started < parts.maxMs) {
      const { endpoint, run } = await readyRun(em, key, parts.clock(), parts.runSize);
      if (!endpoint || run.length === 0) break;
      const delivered: { id: string; status: number }[] = [];
      let failed = false;
      for (const delivery of run) {
        if (Date.now() - leased > (parts.leaseSeconds * 1000) / 2) {
          if (!(await takeStream(em, key, parts.holder, parts.clock(), parts.leaseSeconds))) return sent; // lost it: another holder goes on
          leased = Date.now();
        }
        const attempt = await parts.sender.send(webhookRequest(endpoint, delivery, parts.userAgent));
        sent++;
        if (attempt.ok) {
          delivered.push({ id: delivery.id, status: attempt.status! });
          continue;
        }
        await recordDelivered(em, endpoint.id, delivered, parts.clock());
        delivered.length = 0;
        failed = (await recordFailure(em, endpoint, delivery, attempt, parts.clock(), parts.logger)) === 'stop';
        break;
      }
      await recordDelivered(em, endpoint.id, delivered, parts.clock());
      if (failed) break;
    }
  } finally {
    await releaseStream(em, key, parts.holder);
  }
  return sent;
}

/**
 * The request of one attempt (Standard Webhooks): the body is the same bytes on every attempt
 * (the event as stored); `webhook-timestamp` is this attempt's wall-clock time, since receivers
 * check it against theirs (±5 min), whatever clock schedules the attempts.
 */
export function webhookRequest(endpoint: StreamEndpoint, delivery: ReadyDelivery, userAgent: string): WebhookRequest {
  const body = JSON.stringify({ type: delivery.type, timestamp: new Date(delivery.created_at).toISOString(), data: delivery.payload });
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    url: endpoint.url,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': userAgent,
      'webhook-id': delivery.event_id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(endpoint.secret, delivery.event_id, timestamp, body),
    },
  };
}
