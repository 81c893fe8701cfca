import { ContainerModule } from 'inversify';
import type { AppConfig } from '../config/app-config';
import type { FrameworkRegistry } from '../plugins/framework-registry';
import type { Database } from '../store/open-database';
import { healthRoutes } from './http/health-routes';
import type { HttpRoutes } from './http/http-routes';
import type { Logger } from './logger';
import { TOKENS } from './tokens';

export interface RuntimeParts {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly database: Database;
  readonly registry: FrameworkRegistry;
  readonly clock: () => Date;
}

/** The core's own bindings: what every plugin module may inject. */
export function runtimeModule(parts: RuntimeParts): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.AppConfig).toConstantValue(parts.config);
    bind(TOKENS.Logger).toConstantValue(parts.logger);
    bind(TOKENS.Database).toConstantValue(parts.database);
    bind(TOKENS.FrameworkRegistry).toConstantValue(parts.registry);
    bind(TOKENS.Clock).toConstantValue(parts.clock);
    bind<HttpRoutes>(TOKENS.HttpRoutes).toConstantValue(healthRoutes(parts.database));
  });
}
