import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../runtime/logger';
import { sendSql } from '../../store/send-sql';
import type { DeliveryAttempt } from '../outbound/webhook-sender';
import { recordWebhookEvents } from '../webhook-events';
import { DISABLE_AFTER_MS, nextAttemptAt } from './retry-schedule';
import type { ClaimedDelivery } from './stream-head';

/** Whether the stream may go on to its next delivery: only when this one is settled (delivered or given up). */
export type StreamNext = 'continue' | 'stop';

/**
 * Stores what one attempt came to, in one transaction: delivered; or failed with the next
 * attempt from the schedule (given up when it is spent); or, for 410 Gone and for an endpoint
 * whose failures ran unbroken for five days, the endpoint disabled with a `webhook.disabled`
 * event to the partner's other endpoints. A stream waits behind a delivery still to retry, which
 * keeps a connection's events in order.
 */
export async function recordAttempt(em: EntityManager, claimed: ClaimedDelivery, attempt: DeliveryAttempt, now: Date, logger: Logger): Promise<StreamNext> {
  return em.transactional(async (tx) => {
    const te = tx as unknown as EntityManager;
    const error = attempt.error?.slice(0, 500) ?? null;
    if (attempt.ok) {
      await sendSql(
        te,
        `update webhook_delivery set state = 'delivered', delivered_at = ?, last_status = ?, last_error = null, lease_until = null where id = ?`,
        [now, attempt.status, claimed.id],
      );
      await sendSql(te, 'update webhook_endpoint set failing_since = null where id = ? and failing_since is not null', [claimed.endpoint_id]);
      return 'continue';
    }
    if (attempt.gone) {
      // Kept pending: enabling the endpoint again sends it.
      await sendSql(te, 'update webhook_delivery set last_status = ?, last_error = ?, lease_until = null where id = ?', [attempt.status, error, claimed.id]);
      await disableEndpoint(te, claimed, 'The receiver answered 410 Gone: it asked to receive no more webhooks.', now, logger);
      return 'stop';
    }
    const next = nextAttemptAt(claimed.attempts, now, attempt.retryAfterSeconds);
    await sendSql(
      te,
      `update webhook_delivery set state = ?, next_attempt_at = coalesce(?, next_attempt_at), last_status = ?, last_error = ?, lease_until = null where id = ?`,
      [next ? 'pending' : 'failed', next ?? null, attempt.status, error, claimed.id],
    );
    const [endpoint] = await sendSql<{ failing_since: Date }[]>(
      te,
      'update webhook_endpoint set failing_since = coalesce(failing_since, ?) where id = ? returning failing_since',
      [now, claimed.endpoint_id],
    );
    if (endpoint && now.getTime() - new Date(endpoint.failing_since).getTime() >= DISABLE_AFTER_MS) {
      const since = new Date(endpoint.failing_since).toISOString();
      await disableEndpoint(te, claimed, `Every delivery failed for 5 days (since ${since}); fix the receiver, then enable the webhook again.`, now, logger);
      return 'stop';
    }
    return next ? 'stop' : 'continue';
  });
}

async function disableEndpoint(em: EntityManager, claimed: ClaimedDelivery, reason: string, now: Date, logger: Logger): Promise<void> {
  const [row] = await sendSql<{ id: string; url: string; failing_since: Date | null }[]>(
    em,
    `update webhook_endpoint set enabled = false, disabled_at = ?, disabled_reason = ?, updated_at = ? where id = ? and enabled returning id, url, failing_since`,
    [now, reason, now, claimed.endpoint_id],
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
  await recordWebhookEvents(em, claimed.partner_id, [{ type: 'webhook.disabled', connectionId: null, data }], now);
}
