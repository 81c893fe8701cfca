import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A password a person types into the Web Connector once: 24 characters without look-alikes (~140 bits). */
export function generatePassword(length = 24): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  // Rejection sampling keeps every character equally likely.
  for (const b of bytes) {
    if (b < 256 - (256 % ALPHABET.length)) out += ALPHABET[b % ALPHABET.length];
    if (out.length === length) break;
  }
  return out.length === length ? out : generatePassword(length);
}

/** A hard-to-guess token for links (QWC downloads) and tickets: 128 random bits. */
export function generateToken(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * HMAC-SHA256 under the service's credential key: our passwords carry ~140 random bits, so no
 * one can search them and a slow hash buys nothing but CPU that a flood of wrong passwords
 * would spend (scrypt cost ~50 ms a check; this, microseconds: docs/adr/0004).
 */
export function hashPassword(password: string, key: Buffer): string {
  return `hmac-sha256$${createHmac('sha256', key).update(password, 'utf8').digest('base64')}`;
}

/** Whether a stored hash is of the scheme that a good sign-in should replace. */
export function isLegacyHash(stored: string): boolean {
  return !stored.startsWith('hmac-sha256$');
}

/**
 * Compares in constant time; a malformed stored hash simply does not match. Hashes from before
 * the keyed hash (scrypt) still verify, slowly, until the next good sign-in replaces them.
 */
export async function verifyPassword(password: string, stored: string, key: Buffer): Promise<boolean> {
  if (!isLegacyHash(stored)) return safeEqual(Buffer.from(hashPassword(password, key)), Buffer.from(stored));
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return safeEqual(actual, expected);
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A braced, upper-case GUID as QWC files and QuickBooks data extensions want them. */
export function bracedGuid(): string {
  const h = randomBytes(16);
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.toString('hex').toUpperCase();
  return `{${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}}`;
}
