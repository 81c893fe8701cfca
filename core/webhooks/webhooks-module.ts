import { ContainerModule } from 'inversify';
import type { HttpRoutes } from '../runtime/http/http-routes';
import { TOKENS } from '../runtime/tokens';
import { WebhookEndpoints } from './endpoints/webhook-endpoints';
import { readAllowHosts } from './outbound/allow-hosts';
import { systemResolver } from './outbound/webhook-resolver';
import { WebhookRoutes } from './webhook-routes';
import { WEBHOOK_TOKENS, type WebhookOutbound } from './webhook-tokens';

/** The webhooks area: the management routes, and the outbound checks they share with delivery. */
export function webhooksModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<WebhookOutbound>(WEBHOOK_TOKENS.Outbound)
      .toDynamicValue((context) => ({ resolve: systemResolver, allow: readAllowHosts(context.get<NodeJS.ProcessEnv>(TOKENS.Environment)) }))
      .inSingletonScope();
    bind(WebhookEndpoints).toSelf().inSingletonScope();
    bind<HttpRoutes>(TOKENS.HttpRoutes).to(WebhookRoutes).inSingletonScope();
  });
}
