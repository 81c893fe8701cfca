import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../../../core/errors/app-error';

const VERSION = 'v1';

/**
 * Seals a token with AES-256-GCM under `key`, a random 12-byte IV per value:
 * `v1.<iv>.<tag>.<ciphertext>` in base64url. The connection id is the associated data, so a
 * sealed token copied onto another connection's row does not open.
 */
export function sealToken(key: Buffer, connectionId: string, token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(connectionId));
  const data = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** Opens what sealToken made; a wrong key or a changed value is an internal error (never the value in it). */
export function openToken(key: Buffer, connectionId: string, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  try {
    if (version !== VERSION) throw new Error(`unknown format ${version}`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(connectionId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new AppError('internal', 'A QuickBooks Online token could not be decrypted.', {
      detail: `connection ${connectionId}: wrong QBO_TOKEN_KEY or damaged value`,
      cause,
    });
  }
}

/** Names a key without revealing it: rows remember which key sealed them, so a changed key is found at boot. */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('qbo-token-key-id').digest('base64url').slice(0, 16);
}
