import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { AppError } from '../../errors/app-error';
import { Partner } from '../../store/entities/partner';
import type { AppState } from './app-state';
import type { AppRouter } from './http-routes';
import { runIdempotently } from './idempotency';
import { bearerToken, hashApiKey } from './secret-tokens';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What a partner-authenticated request carries besides the usual state. */
export interface PartnerState extends AppState {
  readonly partner: Partner;
  /** Which of the partner's keys signed the request: the current one, or the one a rotation replaced (still in its grace period). */
  readonly apiKeyUsed: 'current' | 'previous';
}

/**
 * `Authorization: Bearer <apiKey>` for every partner route. The key is looked up by its hash,
 * so the database never holds a usable key; the partner found scopes everything after it. The
 * key a rotation replaced is accepted until its grace period ends, by the injected clock.
 */
export function requirePartner(clock: () => Date): Middleware<PartnerState> {
  return async (ctx, next) => {
    const key = bearerToken(ctx.get('authorization'));
    const hash = key ? hashApiKey(key) : undefined;
    const partner = hash
      ? await ctx.state.em.findOne(Partner, { $or: [{ apiKeyHash: hash }, { previousApiKeyHash: hash, previousKeyExpiresAt: { $gt: clock() } }] })
      : null;
    if (!partner) {
      ctx.set('WWW-Authenticate', 'Bearer');
      throw new AppError('unauthorized', 'Send your API key as Authorization: Bearer <apiKey>.');
    }
    Object.assign(ctx.state, { partner, apiKeyUsed: partner.apiKeyHash === hash ? 'current' : 'previous' });
    // Every write of a partner takes an Idempotency-Key, so that no new route can forget to.
    if (WRITES.has(ctx.method) && ctx.get('idempotency-key')) return runIdempotently(ctx, next, clock());
    await next();
  };
}

/**
 * The router typed for routes behind requirePartner(), whose state also carries the partner.
 * (Koa's router types state per router, not per route, hence the one cast, here.)
 */
export function partnerRoutes(router: AppRouter): Router<PartnerState> {
  return router as unknown as Router<PartnerState>;
}
