/**
 * Every event type a webhook endpoint can ask for (Standard Webhooks: `<resource>.<what happened>`).
 * The list is the contract of issue 16 plus our own two: `webhook.test` (sent on request) and
 * `webhook.disabled` (an endpoint stopped after days of failures, told to the partner's others).
 */
export const WEBHOOK_EVENT_TYPES = [
  'connection.connected',
  'connection.sign_in_refused',
  'connection.stale',
  'connection.error',
  'sync.completed',
  'invoice.created',
  'invoice.updated',
  'invoice.archived',
  'customer.created',
  'customer.updated',
  'customer.archived',
  'payment.posted',
  'payment.needs_action',
  'payment.reverted',
  'payout.deposited',
  'webhook.test',
  'webhook.disabled',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const KNOWN: ReadonlySet<string> = new Set(WEBHOOK_EVENT_TYPES);

export function isWebhookEventType(type: string): type is WebhookEventType {
  return KNOWN.has(type);
}
