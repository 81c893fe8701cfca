import { createHmac, randomBytes } from 'node:crypto';
// Placeholder until helper A's lands.
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
export function signWebhook(secret: string, msgId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${msgId}.${timestampSeconds}.${body}`).digest('base64')}`;
}
