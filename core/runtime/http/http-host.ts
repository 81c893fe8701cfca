import Router from '@koa/router';
import Koa from 'koa';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../../store/open-database';
import type { Logger } from '../logger';
import type { AppState } from './app-state';
import { errorBoundary } from './error-boundary';
import type { HttpRoutes } from './http-routes';
import { ListenAddress, listenAddressOf } from './listen-address';
import { requestContext } from './request-context';

export interface HttpHost {
  readonly server: Server;
  readonly port: number;
  /** The address the socket is bound to (HOST:PORT as the kernel took them). */
  readonly address: ListenAddress;
  /** Stops accepting, lets in-flight requests finish (up to graceMs), then closes what is left. */
  stop(graceMs?: number): Promise<void>;
}

export interface HttpHostOptions {
  readonly port: number;
  /** An IP address; 0.0.0.0 listens on every interface. */
  readonly host: string;
  /** Whether X-Forwarded-For names the caller (ServiceSettings.trustProxy). */
  readonly trustProxy: boolean;
  readonly logger: Logger;
  readonly database: Database;
  readonly routes: readonly HttpRoutes[];
}

/** Builds the Koa app (request context, error boundary, every route contribution) and listens. */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const app = new Koa<AppState>();
  app.proxy = options.trustProxy;
  // Errors are answered by the boundary; Koa's own printer would log them a second time.
  app.silent = true;
  const router = new Router<AppState>();
  for (const routes of options.routes) routes.register(router);
  app.use(requestContext(options.logger, options.database));
  app.use(errorBoundary());
  app.use(router.routes());
  app.use(router.allowedMethods());

  const server = createServer(app.callback());
  // Bound how long a slow client may hold a socket with a half-sent request.
  server.requestTimeout = 120_000;
  // Keep idle connections longer than the load balancers in front usually do (60 s), so a
  // client never sends on a socket we have just closed (Node's default is 5 s).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const bound = server.address() as AddressInfo;

  return {
    server,
    port: bound.port,
    address: listenAddressOf(bound),
    async stop(graceMs = 10_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A keep-alive socket whose request finishes after close() would otherwise sit idle
      // until its timeout; sweep such sockets as they become idle.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      server.closeIdleConnections();
      const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearInterval(sweep);
      clearTimeout(deadline);
    },
  };
}
