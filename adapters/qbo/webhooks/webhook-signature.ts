import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether the body is what Intuit signed: `intuit-signature` = base64(HMAC-SHA256(key = the
 * app's verifier token, message = the raw body bytes)) (reference §9.4). Computed over the bytes
 * as they arrived, before any parsing, and compared in constant time so a forger learns nothing
 * from how long a refusal takes.
 */
export function isSignedBy(body: Buffer, signature: string | undefined, verifierToken: string): boolean {
  if (!signature || !verifierToken) return false;
  const expected = createHmac('sha256', Buffer.from(verifierToken, 'utf8')).update(body).digest();
  const given = Buffer.from(signature.trim(), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
