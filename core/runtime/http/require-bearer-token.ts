import type { Middleware } from 'koa';
import { AppError } from '../../errors/app-error';
import type { AppState } from './app-state';
import { bearerToken, secretsEqual } from './secret-tokens';

/**
 * Guards routes with one operator's token from the environment (ADMIN_TOKEN, METRICS_TOKEN).
 * With no token configured the routes do not exist (404), so an unset variable can never mean
 * "open to everyone"; a missing or wrong token is 401.
 *
 * @example router.get('/metrics', requireBearerToken(config.service.metricsToken, 'METRICS_TOKEN'), serve);
 */
export function requireBearerToken(token: string | undefined, variable: string): Middleware<AppState> {
  return async (ctx, next) => {
    if (!token) throw new AppError('not-found', `Nothing is at ${ctx.method} ${ctx.path}.`, { detail: `${variable} is unset` });
    const given = bearerToken(ctx.get('authorization'));
    if (!given || !secretsEqual(given, token)) {
      ctx.set('WWW-Authenticate', 'Bearer');
      throw new AppError('unauthorized', `Send the token as Authorization: Bearer <${variable}>.`);
    }
    await next();
  };
}
