import type Router from '@koa/router';
import type { AppState } from './app-state';
import type { ApiDescription, WebhookEventDescriptions } from './openapi/api-description';

export type AppRouter = Router<AppState>;

/**
 * A contribution of HTTP routes. Bind one to TOKENS.HttpRoutes (a plugin's container module
 * can) and the host mounts it at start-up.
 *
 * @example
 * bind<HttpRoutes>(TOKENS.HttpRoutes).toConstantValue({ name: 'ping', register: (r) => r.get('/ping', (ctx) => { ctx.body = 'pong'; }) });
 */
export interface HttpRoutes {
  readonly name: string;
  /** What its /api routes take and answer, for GET /api/openapi.json. Every /api route needs one. */
  readonly api?: ApiDescription;
  /** The events it sends to partners' webhook endpoints, for the same document (as `x-webhooks`). */
  readonly webhooks?: WebhookEventDescriptions;
  /** Pages a person opens in a browser; their addresses are printed at start-up. */
  readonly pages?: readonly { readonly title: string; readonly path: string }[];
  register(router: AppRouter): void;
}
