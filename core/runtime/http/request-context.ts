import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Database } from '../../store/open-database';
import { runWithLogContext } from '../log-context';
import type { Logger } from '../logger';
import type { AppState } from './app-state';

// A caller's id is reused only when it is short and plain, so it cannot inject into logs.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when sane, else a new one), echoes it
 * in the answer, forks the EntityManager for it, and logs one line when it ends.
 */
export function requestContext(logger: Logger, database: Database): Middleware<AppState> {
  return async (ctx, next) => {
    const given = ctx.get('x-request-id');
    const requestId = SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    // The request id reaches every line logged while this request runs (log-context), this one included.
    const log = logger;
    Object.assign(ctx.state, { requestId, log, em: database.orm.em.fork() });
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    await runWithLogContext({ requestId }, async () => {
      try {
        await next();
      } finally {
        const ms = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
        // A route that hands the raw response to another library (SOAP) leaves ctx.status behind.
        const status = ctx.res.headersSent ? ctx.res.statusCode : ctx.status;
        log.info('request', { method: ctx.method, path: ctx.state.logPath ?? ctx.path, status, ms });
      }
    });
  };
}
