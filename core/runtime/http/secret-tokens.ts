import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new API key: 256 random bits, prefixed so a leaked key is recognisable in a scan. */
export function generateApiKey(): string {
  return `altk_${randomBytes(32).toString('base64url')}`;
}

/**
 * SHA-256 (hex) of a long random token (an API key, a link token, a ticket): with no dictionary
 * to try, a fast hash stores it as safely as a slow one, and lookups stay one index probe.
 */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** How API keys are stored: see hashSecretToken. */
export const hashApiKey = hashSecretToken;

/** Compares two secrets in constant time, whatever their lengths. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
