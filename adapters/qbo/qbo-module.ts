import { ContainerModule } from 'inversify';
import type { HttpRoutes } from '../../core/runtime/http/http-routes';
import { TOKENS } from '../../core/runtime/tokens';
import { QboClients } from './client/qbo-clients';
import { QboSyncRunner } from './sync/qbo-sync-runner';
import { QboWebhookRoutes } from './webhooks/qbo-webhook-routes';

/**
 * QuickBooks Online's services. Besides these, the adapter's classes inject (bound by the
 * lead when the branches meet): QBO_ACCESS_SOURCE -> QboTokens (auth/), QBO_API_ENDPOINTS = the
 * QboEndpoints symbol (qbo-endpoints.ts), SYNC_REQUESTS -> ConnectionSyncJobs (core/jobs), and
 * QboSyncRunner bound as a ServerDrivenSync.
 */
export const qboModule = new ContainerModule(({ bind }) => {
  bind(QboClients).toSelf().inSingletonScope();
  bind(QboSyncRunner).toSelf().inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(QboWebhookRoutes).inSingletonScope();
});
