import { ContainerModule } from 'inversify';
import type { ServerDrivenSync } from '../../core/jobs/server-driven-sync';
import type { HttpRoutes } from '../../core/runtime/http/http-routes';
import type { StartupTask } from '../../core/runtime/startup-task';
import { TOKENS } from '../../core/runtime/tokens';
import { QboAccountsReader } from './api/qbo-accounts-reader';
import { QboConnectionRoutes } from './api/qbo-connection-routes';
import { QboCallbackRoutes } from './auth/qbo-callback-routes';
import { QboConnect } from './auth/qbo-connect';
import { QboTokens } from './auth/qbo-tokens';
import { QboClients } from './client/qbo-clients';
import { QBO_ENDPOINTS, QboEndpoints } from './qbo-endpoints';
import { QboEndpointsSource } from './qbo-endpoints-source';
import { QboSyncRunner } from './sync/qbo-sync-runner';
import { QboWebhookRoutes } from './webhooks/qbo-webhook-routes';

/**
 * QuickBooks Online's services. QboEndpoints come from the environment through a start-up task
 * (it may start the simulator), so everything that injects them is built after it has run.
 */
export const qboModule = new ContainerModule(({ bind }) => {
  bind(QboEndpointsSource).toSelf().inSingletonScope();
  bind<StartupTask>(TOKENS.StartupTask).toService(QboEndpointsSource);
  bind<QboEndpoints>(QBO_ENDPOINTS)
    .toDynamicValue((context) => context.get(QboEndpointsSource).endpoints)
    .inSingletonScope();
  bind(QboTokens).toSelf().inSingletonScope();
  bind(QboConnect).toSelf().inSingletonScope();
  bind(QboAccountsReader).toSelf().inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(QboConnectionRoutes).inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(QboCallbackRoutes).inSingletonScope();
  // The adapter's side: the client per connection, the sync the job engine runs, the webhook route.
  bind(QboClients).toSelf().inSingletonScope();
  bind(QboSyncRunner).toSelf().inSingletonScope();
  bind<ServerDrivenSync>(TOKENS.ServerDrivenSync).toService(QboSyncRunner);
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(QboWebhookRoutes).inSingletonScope();
});
