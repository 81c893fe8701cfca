import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { AppError } from '../../errors/app-error';
import { Partner } from '../../store/entities/partner';
import type { AppState } from './app-state';
import type { AppRouter } from './http-routes';
import { bearerToken, hashApiKey } from './secret-tokens';

/** What a partner-authenticated request carries besides the usual state. */
export interface PartnerState extends AppState {
  readonly partner: Partner;
}

/**
 * `Authorization: Bearer <apiKey>` for every partner route. The key is looked up by its hash,
 * so the database never holds a usable key; the partner found scopes everything after it.
 */
export function requirePartner(): Middleware<PartnerState> {
  return async (ctx, next) => {
    const key = bearerToken(ctx.get('authorization'));
    const partner = key ? await ctx.state.em.findOne(Partner, { apiKeyHash: hashApiKey(key) }) : null;
    if (!partner) {
      ctx.set('WWW-Authenticate', 'Bearer');
      throw new AppError('unauthorized', 'Send your API key as Authorization: Bearer <apiKey>.');
    }
    Object.assign(ctx.state, { partner });
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
