import type { Middleware } from 'koa';
import { AppError, ErrorKind } from '../../errors/app-error';
import type { AppState } from './app-state';

/** The one place where an error kind becomes an HTTP status. */
export const HTTP_STATUS_OF: Record<ErrorKind, number> = {
  malformed: 400,
  invalid: 422,
  unauthorized: 401,
  'not-found': 404,
  conflict: 409,
  transient: 503,
  'needs-user-action': 409,
  internal: 500,
};

/**
 * Turns anything thrown below into a JSON answer `{ error: { kind, message, requestId,
 * problems? } }`. Internal details go to the log only, never to the caller.
 */
export function errorBoundary(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError('not-found', `Nothing is at ${ctx.method} ${ctx.path}.`);
      }
    } catch (thrown) {
      const error = AppError.from(thrown);
      const status = HTTP_STATUS_OF[error.kind];
      if (status >= 500) ctx.state.log?.error('request failed', { error: thrown, detail: error.detail });
      else ctx.state.log?.debug('request refused', { kind: error.kind, detail: error.detail });
      ctx.status = status;
      ctx.body = {
        error: {
          kind: error.kind,
          message: error.userMessage,
          requestId: ctx.state.requestId,
          ...(error.problems.length > 0 ? { problems: error.problems } : {}),
        },
      };
    }
  };
}
