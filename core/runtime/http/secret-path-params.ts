import type { Middleware } from 'koa';
import type { AppState } from './app-state';

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Marks path parameters as secrets (a download link's token): the request's log line shows
 * `:name` in their place, so a log reader or a log pipeline never holds a working link. Put it
 * before the handler; it runs only on the route it guards, which knows its parameters' meaning.
 *
 * @example router.get('/files/:token', secretPathParams('token'), download);
 */
export function secretPathParams(...names: readonly string[]): Middleware<AppState> {
  return async (ctx, next) => {
    const params = (ctx as unknown as { params?: Record<string, string> }).params ?? {};
    const secrets = new Map(names.filter((n) => params[n]).map((n) => [params[n], `:${n}`]));
    ctx.state.logPath = ctx.path
      .split('/')
      .map((segment) => secrets.get(decoded(segment)) ?? segment)
      .join('/');
    await next();
  };
}
