import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from './send-sql';

export interface StoredAnswer {
  readonly fingerprint: string;
  readonly status: number;
  /** The answer's body, sealed with a key only the Idempotency-Key gives (idempotency.ts). */
  readonly answer: Buffer;
}

/**
 * Holds the key for the caller's transaction, or false when another request holds it now (on
 * any instance): two requests with one key never run side by side.
 */
export async function holdIdempotencyKey(em: EntityManager, partnerId: string, keyHash: string): Promise<boolean> {
  const rows = await sendSql<{ held: boolean }[]>(em, 'select pg_try_advisory_xact_lock(hashtextextended(?, 0)) as held', [
    `idempotency:${partnerId}:${keyHash}`,
  ]);
  return rows[0].held;
}

/** The answer kept for a key, if it was given since `since`. */
export async function storedAnswer(em: EntityManager, partnerId: string, keyHash: string, since: Date): Promise<StoredAnswer | undefined> {
  return (
    await sendSql<StoredAnswer[]>(em, 'select fingerprint, status, answer from idempotency_key where partner_id = ? and key_hash = ? and created_at >= ?', [
      partnerId,
      keyHash,
      since,
    ])
  )[0];
}

/** Keeps an answer (replacing one that expired), and drops the partner's expired ones. */
export async function keepAnswer(
  em: EntityManager,
  row: { partnerId: string; keyHash: string; fingerprint: string; status: number; answer: Buffer; now: Date; expiredBefore: Date },
): Promise<void> {
  await sendSql(em, 'delete from idempotency_key where partner_id = ? and created_at < ?', [row.partnerId, row.expiredBefore]);
  await sendSql(
    em,
    `insert into idempotency_key (partner_id, key_hash, fingerprint, status, answer, created_at) values (?, ?, ?, ?, ?, ?)
     on conflict (partner_id, key_hash) do update set fingerprint = excluded.fingerprint, status = excluded.status, answer = excluded.answer, created_at = excluded.created_at`,
    [row.partnerId, row.keyHash, row.fingerprint, row.status, row.answer, row.now],
  );
}
