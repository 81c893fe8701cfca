import type { EntityManager } from '@mikro-orm/postgresql';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Next, ParameterizedContext } from 'koa';
import { AppError } from '../../errors/app-error';
import { holdIdempotencyKey, keepAnswer, storedAnswer } from '../../store/idempotency-store';
import { errorAnswer } from './error-boundary';
import { JSON_BODY_LIMIT_BYTES } from './read-json-body';
import { readLimitedBody } from './read-limited-body';
import { hashSecretToken } from './secret-tokens';
import type { PartnerState } from './require-partner';

/** How long an answer is kept for its key (Stripe's and the IETF draft's usual 24 hours). */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

// Printable ASCII, long enough to be a random value: the key also seals the kept answer.
const KEY_PATTERN = /^[\x21-\x7E]{16,255}$/;

/** The header's key: an RFC 8941 string ("…", as the IETF draft writes it) or the bare token Stripe's clients send. */
function keyOf(header: string): string {
  const key = header.length >= 2 && header.startsWith('"') && header.endsWith('"') ? header.slice(1, -1) : header;
  if (!KEY_PATTERN.test(key)) {
    throw new AppError('malformed', 'Idempotency-Key must be 16 to 255 printable characters without spaces: send a new random UUID for each new request.');
  }
  return key;
}

const derived = (key: string, purpose: string) => createHmac('sha256', key).update(purpose);

/** The answer sealed with AES-256-GCM under a key derived from the Idempotency-Key: iv, tag, text. */
function seal(key: string, body: unknown): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derived(key, 'idempotency answer').digest(), iv);
  const text = Buffer.concat([cipher.update(JSON.stringify(body ?? null), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), text]);
}

function open(key: string, sealed: Buffer): unknown {
  const decipher = createDecipheriv('aes-256-gcm', derived(key, 'idempotency answer').digest(), sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8'));
}

/**
 * A partner's write with an `Idempotency-Key` (IETF draft "The Idempotency-Key HTTP Header
 * Field", as Stripe does it): the first request runs and its answer is kept; the same key with
 * the same method, path and body within 24 hours gets that answer again (status and body,
 * `Idempotent-Replayed: true`) and changes nothing; with anything else, 422; while the first
 * is still running (on any instance), 409. The route runs in the transaction that keeps its
 * answer, so a crash leaves neither the change nor the key. Refusals (4xx) are kept, as Stripe
 * keeps them; failures on our side (5xx) are not, so a retry runs again.
 *
 * The key is stored only as a hash and the answer sealed with a key derived from it: an answer
 * that shows a secret once (a new API key, an install's password) cannot be read back from the
 * database without the Idempotency-Key, which only the caller has.
 */
export async function runIdempotently(ctx: ParameterizedContext<PartnerState>, next: Next, now: Date): Promise<void> {
  const key = keyOf(ctx.get('idempotency-key'));
  const body = await readLimitedBody(ctx.req, JSON_BODY_LIMIT_BYTES);
  Object.assign(ctx.state, { requestBody: body });
  const keyHash = hashSecretToken(key);
  const fingerprint = derived(key, 'idempotency request').update(`${ctx.method} ${ctx.path}\n`).update(body).digest('hex');
  const partnerId = ctx.state.partner.id;
  const requestEm = ctx.state.em;
  await requestEm.transactional(async (tx) => {
    const em = tx as EntityManager;
    if (!(await holdIdempotencyKey(em, partnerId, keyHash))) {
      throw new AppError('conflict', 'A request with this Idempotency-Key is still being processed. Try again once it has finished.');
    }
    const kept = await storedAnswer(em, partnerId, keyHash, new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS));
    if (kept) {
      if (kept.fingerprint !== fingerprint) {
        throw new AppError('invalid', 'This Idempotency-Key was already used for another request (another path or body). Use a new key for a new request.');
      }
      ctx.status = kept.status;
      ctx.body = open(key, kept.answer);
      ctx.set('Idempotent-Replayed', 'true');
      return;
    }
    try {
      // A savepoint: a refusal undoes what the route did, and its answer is still kept.
      await em.transactional(async (inner) => {
        Object.assign(ctx.state, { em: inner });
        await next();
      });
    } catch (thrown) {
      const answer = errorAnswer(thrown, ctx.state);
      if (answer.status >= 500) throw thrown;
      ctx.status = answer.status;
      ctx.body = answer.body;
    } finally {
      // Whatever runs after the route uses the request's own entity manager, not a finished transaction's.
      Object.assign(ctx.state, { em: requestEm });
    }
    await keepAnswer(em, {
      partnerId,
      keyHash,
      fingerprint,
      status: ctx.status,
      answer: seal(key, ctx.body),
      now,
      expiredBefore: new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS),
    });
  });
}
