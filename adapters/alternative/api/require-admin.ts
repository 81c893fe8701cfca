import type { Middleware } from 'koa';
import { AppError } from '../../../core/errors/app-error';
import type { AppState } from '../../../core/runtime/http/app-state';
import { bearerToken, secretsEqual } from '../../../core/runtime/http/secret-tokens';

/**
 * Guards /api/admin routes with ADMIN_TOKEN. With no token configured the routes do not exist
 * (404), so an unset variable can never mean "open to everyone".
 */
export function requireAdmin(adminToken: string | undefined): Middleware<AppState> {
  return async (ctx, next) => {
    if (!adminToken) throw new AppError('not-found', `Nothing is at ${ctx.method} ${ctx.path}.`, { detail: 'ADMIN_TOKEN is unset' });
    const given = bearerToken(ctx.get('authorization'));
    if (!given || !secretsEqual(given, adminToken)) {
      ctx.set('WWW-Authenticate', 'Bearer');
      throw new AppError('unauthorized', 'Send the admin token as Authorization: Bearer <ADMIN_TOKEN>.');
    }
    await next();
  };
}
