import { ContainerModule } from 'inversify';
import type { AppConfig } from '../config/app-config';
import { syncSettingsSource } from '../config/sync-settings-source';
import type { FrameworkRegistry } from '../plugins/framework-registry';
import type { ServerDrivenSync } from '../jobs/server-driven-sync';
import { JobEngine } from '../jobs/job-engine';
import { SyncJobEngine } from '../jobs/sync-job-engine';
import type { SyncJobSettings } from '../jobs/sync-job-settings';
import type { Database } from '../store/open-database';
import { healthRoutes } from './http/health-routes';
import type { HttpRoutes } from './http/http-routes';
import type { Logger } from './logger';
import { metricsRoutes } from './metrics/metrics-routes';
import type { ServiceMetrics } from './metrics/service-metrics';
import { TOKENS } from './tokens';

export interface RuntimeParts {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly database: Database;
  readonly registry: FrameworkRegistry;
  readonly clock: () => Date;
  readonly metrics: ServiceMetrics;
  readonly env: NodeJS.ProcessEnv;
  readonly syncJobSettings: SyncJobSettings;
}

/** The core's own bindings: what every plugin module may inject. */
export function runtimeModule(parts: RuntimeParts): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.AppConfig).toConstantValue(parts.config);
    bind(TOKENS.Logger).toConstantValue(parts.logger);
    bind(TOKENS.Database).toConstantValue(parts.database);
    bind(TOKENS.FrameworkRegistry).toConstantValue(parts.registry);
    bind(TOKENS.Clock).toConstantValue(parts.clock);
    bind(TOKENS.Environment).toConstantValue(Object.freeze({ ...parts.env }));
    bind(TOKENS.ServiceMetrics).toConstantValue(parts.metrics);
    bind(TOKENS.SyncSettingsSource).toConstantValue(syncSettingsSource(parts.config, parts.registry));
    const jobEngine = new JobEngine({ database: parts.database, maintenanceSeconds: parts.syncJobSettings.maintenanceSeconds, logger: parts.logger });
    bind(TOKENS.JobEngine).toConstantValue(jobEngine);
    // Adapters' modules load after this one: the syncs are collected when the engine is first asked for.
    bind(TOKENS.ConnectionSyncJobs)
      .toDynamicValue(
        (context) =>
          new SyncJobEngine({
            database: parts.database,
            syncs: context.getAll<ServerDrivenSync>(TOKENS.ServerDrivenSync, { optional: true }),
            settings: parts.syncJobSettings,
            logger: parts.logger,
            clock: parts.clock,
            engine: jobEngine,
          }),
      )
      .inSingletonScope();
    bind<HttpRoutes>(TOKENS.HttpRoutes).toConstantValue(healthRoutes(parts.database));
    bind<HttpRoutes>(TOKENS.HttpRoutes).toConstantValue(metricsRoutes(parts.metrics, parts.config.service.metricsToken));
  });
}
