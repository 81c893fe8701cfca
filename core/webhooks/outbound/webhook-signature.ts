import { createHmac, randomBytes } from 'node:crypto';

/** A new endpoint secret, `whsec_` + base64 of 32 random bytes (placeholder until helper A's lands). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** `v1,<base64 HMAC-SHA256>` of `${id}.${ts}.${body}`, keyed by the secret's decoded bytes. */
export function signWebhook(secret: string, msgId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${msgId}.${timestampSeconds}.${body}`).digest('base64')}`;
}
