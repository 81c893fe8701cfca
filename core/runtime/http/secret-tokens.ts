import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new API key: 256 random bits, prefixed so a leaked key is recognisable in a scan. */
export function generateApiKey(): string {
  return `altk_${randomBytes(32).toString('base64url')}`;
}

/**
 * API keys are long random values, so a fast hash stores them safely (no dictionary to try);
 * passwords, which people may choose, get scrypt instead.
 */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

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
