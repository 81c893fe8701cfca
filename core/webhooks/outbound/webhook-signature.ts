import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/**
 * A new endpoint secret as Standard Webhooks shows it: `whsec_` + base64 of 32 random bytes
 * (the spec asks for 24-64; 32 is what its reference libraries generate).
 *
 * @example newWebhookSecret() // 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw...'
 */
export function newWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

/**
 * The `webhook-signature` header value for one attempt: `v1,<base64 HMAC-SHA256>` keyed by the
 * base64-DECODED secret (not its text: that is the mistake receivers' libraries would reject),
 * over `${msgId}.${timestampSeconds}.${body}` where body is the exact string sent.
 *
 * @example signWebhook(secret, 'msg_2b…', 1764700000, '{"type":"invoice.created",…}') // 'v1,K5o…='
 */
export function signWebhook(secret: string, msgId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  const mac = createHmac('sha256', key).update(`${msgId}.${timestampSeconds}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}
