import type { EntityManager } from '@mikro-orm/postgresql';
import { generateApiKey, hashApiKey } from './secret-tokens';
import { sendSql } from '../../store/send-sql';

/**
 * How long the key a rotation replaces keeps working: 24 hours. Long enough to roll a config
 * change through every deployment and its stragglers (a nightly job, a second region) within a
 * working day; short enough that a key that leaked dies the same day even if no one asks for
 * it to die at once (which `revokePrevious` does). ADR 0005.
 */
export const PREVIOUS_KEY_GRACE_MS = 24 * 60 * 60 * 1000;

export interface RotatedApiKey {
  /** The new key, shown once. */
  readonly apiKey: string;
  /** When the key it replaced stops working; null when it stopped at once. */
  readonly previousKeyExpiresAt: Date | null;
}

/**
 * Gives a partner a new API key. The replaced key works for PREVIOUS_KEY_GRACE_MS (or not at
 * all with revokePrevious); only one previous key is kept, so an older one still in its grace
 * ends now. One statement: two rotations at once leave a consistent pair (the later one's
 * previous key is the earlier one's new key).
 */
export async function rotateApiKey(em: EntityManager, partnerId: string, now: Date, options: { revokePrevious: boolean }): Promise<RotatedApiKey> {
  const apiKey = generateApiKey();
  const previousKeyExpiresAt = options.revokePrevious ? null : new Date(now.getTime() + PREVIOUS_KEY_GRACE_MS);
  // Every right-hand side reads the row as it was, so previous_api_key_hash takes the key being replaced.
  await sendSql(
    em,
    `update partner set previous_api_key_hash = ${options.revokePrevious ? 'null' : 'api_key_hash'}, previous_key_expires_at = ?, api_key_hash = ? where id = ?`,
    [previousKeyExpiresAt, hashApiKey(apiKey), partnerId],
  );
  return { apiKey, previousKeyExpiresAt };
}
