import Router from '@koa/router';
import Koa from 'koa';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppState } from '../../../../../core/runtime/http/app-state';
import { errorBoundary } from '../../../../../core/runtime/http/error-boundary';
import type { HttpRoutes } from '../../../../../core/runtime/http/http-routes';
import { createLogger } from '../../../../../core/runtime/logger';

export interface Harness {
  readonly url: string;
  readonly logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** A Koa app with only the error boundary and the given routes, on a free loopback port. */
export async function serveRoutes(routes: HttpRoutes): Promise<Harness> {
  const logs: Record<string, unknown>[] = [];
  const app = new Koa<AppState>();
  app.silent = true;
  const log = createLogger('debug', (l) => logs.push(JSON.parse(l)));
  app.use(async (ctx, next) => {
    Object.assign(ctx.state, { requestId: 'req-1', log });
    await next();
  });
  app.use(errorBoundary());
  const router = new Router<AppState>();
  routes.register(router);
  app.use(router.routes());
  const server: Server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    logs,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
