import type { Middleware } from 'koa';
import { AppError, ErrorKind } from '../../errors/app-error';
import { isDatabaseUnreachable } from '../../errors/database-unreachable';
import type { AppState } from './app-state';

// A connection cut while a change commits leaves its outcome unknown: the words must not promise nothing was done.
const DATABASE_UNREACHABLE =
  'Our database cannot be reached just now. Send the request again in a moment; to be sure a change is made only once, send it with the same Idempotency-Key.';
/** What a 503 asks the caller to wait: a database that went away is usually back within seconds (a failover, a restart). */
const RETRY_AFTER_SECONDS = 5;

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

/** The JSON answer for anything thrown: `{ error: { kind, message, requestId, problems? } }` and its status. */
export function errorAnswer(thrown: unknown, state: Pick<AppState, 'requestId' | 'log'>): { status: number; body: unknown } {
  const error =
    thrown instanceof AppError || !isDatabaseUnreachable(thrown)
      ? AppError.from(thrown)
      : new AppError('transient', DATABASE_UNREACHABLE, { detail: String(thrown), cause: thrown });
  const status = HTTP_STATUS_OF[error.kind];
  if (status >= 500) state.log?.error('request failed', { error: thrown, detail: error.detail });
  else state.log?.debug('request refused', { kind: error.kind, detail: error.detail });
  return {
    status,
    body: {
      error: {
        kind: error.kind,
        message: error.userMessage,
        requestId: state.requestId,
        ...(error.problems.length > 0 ? { problems: error.problems } : {}),
      },
    },
  };
}

/**
 * Turns anything thrown below into a JSON answer (errorAnswer). Internal details go to the
 * log only, never to the caller.
 */
export function errorBoundary(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError('not-found', `Nothing is at ${ctx.method} ${ctx.path}.`);
      }
    } catch (thrown) {
      const answer = errorAnswer(thrown, ctx.state);
      if (answer.status === 503) ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
      ctx.status = answer.status;
      ctx.body = answer.body;
    }
  };
}
