import { ContainerModule } from 'inversify';
import type { HttpRoutes } from '../runtime/http/http-routes';
import { TOKENS } from '../runtime/tokens';
import type { JobEngine } from '../jobs/job-engine';
import type { Logger } from '../runtime/logger';
import { PACKAGE_VERSION } from '../runtime/package-version';
import type { Database } from '../store/open-database';
import { WebhookDeliveryEngine } from './delivery/webhook-delivery-engine';
import { WebhookEndpoints } from './endpoints/webhook-endpoints';
import { type Connect, defaultConnect } from './outbound/vetted-agents';
import { createWebhookSender } from './outbound/webhook-sender';
import { readAllowHosts } from './outbound/allow-hosts';
import { systemResolver } from './outbound/webhook-resolver';
import { WebhookRoutes } from './webhook-routes';
import { WEBHOOK_TOKENS, type WebhookOutbound } from './webhook-tokens';

/** The webhooks area: the management routes, the delivery engine, and the outbound checks they share. */
export function webhooksModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<WebhookOutbound>(WEBHOOK_TOKENS.Outbound)
      .toDynamicValue((context) => ({ resolve: systemResolver, allow: readAllowHosts(context.get<NodeJS.ProcessEnv>(TOKENS.Environment)) }))
      .inSingletonScope();
    bind<Connect>(WEBHOOK_TOKENS.Connect).toConstantValue(defaultConnect);
    bind(WebhookEndpoints).toSelf().inSingletonScope();
    bind(WEBHOOK_TOKENS.Delivery)
      .toDynamicValue(
        (context) =>
          new WebhookDeliveryEngine({
            database: context.get<Database>(TOKENS.Database),
            jobs: context.get<JobEngine>(TOKENS.JobEngine),
            sender: createWebhookSender({ ...context.get<WebhookOutbound>(WEBHOOK_TOKENS.Outbound), connect: context.get<Connect>(WEBHOOK_TOKENS.Connect) }),
            clock: context.get<() => Date>(TOKENS.Clock),
            logger: context.get<Logger>(TOKENS.Logger),
            userAgent: `qbd-alternative-sync/${PACKAGE_VERSION} (webhooks)`,
          }),
      )
      .inSingletonScope();
    bind<HttpRoutes>(TOKENS.HttpRoutes).to(WebhookRoutes).inSingletonScope();
  });
}
