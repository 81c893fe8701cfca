import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomBytes } from 'node:crypto';
import { sendSql } from '../../../core/store/send-sql';

/** Long enough to sign in to Intuit and choose a company; short enough that a leaked link is soon dead. */
const STATE_LIFETIME_MS = 15 * 60_000;

const hashOf = (state: string) => createHash('sha256').update(state).digest('base64url');

/**
 * A new OAuth `state` for a partner's connect: random, kept only as its hash (like API keys),
 * single use. Expired states of anyone are cleared on the way.
 */
export async function createOAuthState(em: EntityManager, partnerId: string, now: Date): Promise<string> {
  const state = randomBytes(32).toString('base64url');
  await sendSql(em, 'delete from qbo_oauth_state where expires_at < ?', [now]);
  await sendSql(em, 'insert into qbo_oauth_state (state_hash, partner_id, expires_at) values (?, ?, ?)', [
    hashOf(state),
    partnerId,
    new Date(now.getTime() + STATE_LIFETIME_MS),
  ]);
  return state;
}

/** The partner a `state` was made for, and the state spent; undefined when unknown, used or expired. */
export async function takeOAuthState(em: EntityManager, state: string, now: Date): Promise<string | undefined> {
  const [row] = await sendSql<{ partner_id: string; expires_at: Date }[]>(
    em,
    'delete from qbo_oauth_state where state_hash = ? returning partner_id, expires_at',
    [hashOf(state)],
  );
  return row && new Date(row.expires_at) > now ? row.partner_id : undefined;
}
