import type { AllowHosts } from './outbound/allow-hosts';
import type { Resolver } from './outbound/webhook-resolver';

/** What every outbound webhook check needs: how a host resolves, and which hosts the operator allows. */
export interface WebhookOutbound {
  readonly resolve: Resolver;
  readonly allow: AllowHosts;
}

/** Injection tokens of the webhooks area. */
export const WEBHOOK_TOKENS = {
  /** Built from TOKENS.Environment at start-up; a test rebinds it to a stub resolver (no DNS, no network). */
  Outbound: Symbol.for('webhooks/WebhookOutbound'),
  /** How the sender opens a socket to a vetted address (outbound/vetted-agents.ts); tests allow only loopback. */
  Connect: Symbol.for('webhooks/Connect'),
  /** The delivery engine (core/webhooks/delivery), started and stopped by the service. */
  Delivery: Symbol.for('webhooks/WebhookDeliveryEngine'),
} as const;
