import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../runtime/logger';
import { sendSql } from '../../store/send-sql';
import type { DeliveryAttempt } from '../outbound/webhook-sender';
import { recordWebhookEvents } from '../webhook-events';
import { DISABLE_AFTER_MS, nextAttemptAt } from './retry-schedule';
import type { ReadyDelivery, StreamEndpoint } from './stream-head';

/** Whether the stream may go on to its next delivery: only when this one is settled (given up). */
export type StreamNext = 'continue' | 'stop';

/** Marks a run's delivered ones in one statement (each with its own status), and ends the endpoint's failing spell. */
export async function recordDelivered(em: EntityManager, endpointId: string, delivered: readonly { id: string; status: number }[], now: Date): Promise<void> {
  if (delivered.length === 0) return;
  await sendSql(
    em,
    `update webhook_delivery d set state = 'delivered', delivered_at = ?, attempts = d.attempts + 1, last_attempt_at = ?, last_status = x.status, last_error = null
       from jsonb_to_recordset(?::jsonb) as x(id uuid, status int) where d.id = x.id`,
    [now, now, JSON.stringify(delivered)],
  );
  await sendSql(em, 'update webhook_endpoint set failing_since = null where id = ? and failing_since is not null', [endpointId]);
}

/**
 * Stores a failed attempt, in one transaction: the next attempt from the schedule (given up when
 * it is spent); or, for 410 Gone and for an endpoint whose failures ran unbroken for five days,
 * the endpoint disabled with a `webhook.disabled` event to the partner's other endpoints.
 */
export async function recordFailure(
  em: EntityManager,
  endpoint: StreamEndpoint,
  delivery: ReadyDelivery,
  attempt: DeliveryAttempt,
  now: Date,
  logger: Logger,
): Promise<StreamNext> {
  return em.transactional(async (tx) => {
    const te = tx as unknown as EntityManager;
    const error = attempt.error?.slice(0, 500) ?? null;
    const attempts = delivery.attempts + 1;
    // 410 keeps it pending: enabling the endpoint again sends it.
    const next = attempt.gone ? now : nextAttemptAt(attempts, now, attempt.retryAfterSeconds);
    await sendSql(
      te,
      `update webhook_delivery set state = ?, attempts = ?, last_attempt_at = ?, next_attempt_at = coalesce(?, next_attempt_at), last_status = ?, last_error = ? where id = ?`,
      [next ? 'pending' : 'failed', attempts, now, next ?? null, attempt.status, error, delivery.id],
    );
    if (attempt.gone) {
      await disableEndpoint(te, endpoint, 'The receiver answered 410 Gone: it asked to receive no more webhooks.', now, logger);
      return 'stop';
    }
    const [row] = await sendSql<{ failing_since: Date }[]>(
      te,
      'update webhook_endpoint set failing_since = coalesce(failing_since, ?) where id = ? returning failing_since',
      [now, endpoint.id],
    );
    if (row && now.getTime() - new Date(row.failing_since).getTime() >= DISABLE_AFTER_MS) {
      const since = new Date(row.failing_since).toISOString();
      await disableEndpoint(te, endpoint, `Every delivery failed for 5 days (since ${since}); fix the receiver, then enable the webhook again.`, now, logger);
      return 'stop';
    }
    return next ? 'stop' : 'continue';
  });
}

async function disableEndpoint(em: EntityManager, endpoint: StreamEndpoint, reason: string, now: Date, logger: Logger): Promise<void> {
  const [row] = await sendSql<{ id: string; url: string; failing_since: Date | null }[]>(
    em,
    `update webhook_endpoint set enabled = false, disabled_at = ?, disabled_reason = ?, updated_at = ? where id = ? and enabled returning id, url, failing_since`,
    [now, reason, now, endpoint.id],
  );
  if (!row) return;
  logger.warn('webhook endpoint disabled', { webhookId: row.id, reason });
  const data = {
    id: row.id,
    url: row.url,
    enabled: false,
    disabledAt: now.toISOString(),
    disabledReason: reason,
    failingSince: row.failing_since ? new Date(row.failing_since).toISOString() : null,
  };
  await recordWebhookEvents(em, endpoint.partner_id, [{ type: 'webhook.disabled', connectionId: null, data }], now);
}
