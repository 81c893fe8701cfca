import { Container, type ContainerModule } from 'inversify';
import 'reflect-metadata';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { loadConfig } from '../config/load-config';
import { pluginFinder } from '../plugins/find-plugin';
import { Database, openDatabase } from '../store/open-database';
import { HttpHost, startHttpHost } from './http/http-host';
import type { ListenAddress } from './http/listen-address';
import { createServiceMetrics } from './metrics/service-metrics';
import { openApiRoutes } from './http/openapi/openapi-routes';
import { PACKAGE_VERSION } from './package-version';
import type { HttpRoutes } from './http/http-routes';
import { LogSink, Logger, createLogger } from './logger';
import { codeRoot, packageRoot } from './package-root';
import { runtimeModule } from './runtime-module';
import type { StartupTask } from './startup-task';
import { TOKENS } from './tokens';
import { watchQuietConnections } from '../health/quiet-watch';
import type { JobEngine } from '../jobs/job-engine';
import { SyncJobEngine } from '../jobs/sync-job-engine';
import { readSyncJobSettings } from '../jobs/sync-job-settings';
import type { WebhookDeliveryEngine } from '../webhooks/delivery/webhook-delivery-engine';
import { WEBHOOK_TOKENS } from '../webhooks/webhook-tokens';
import { webhooksModule } from '../webhooks/webhooks-module';

export interface ServiceOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Where log lines go; stdout by default. */
  readonly logSink?: LogSink;
  /** Where plugins are found by id; the package's compiled plugins/ by default. */
  readonly pluginsDir?: string;
  readonly clock?: () => Date;
  /** Loaded last, to rebind what a test stands in for (e.g. the webhooks' DNS resolver: no network in tests). */
  readonly overrides?: readonly ContainerModule[];
}

export interface RunningService {
  readonly config: AppConfig;
  readonly container: Container;
  readonly database: Database;
  /** The port actually listened on (PORT=0 picks a free one). */
  readonly port: number;
  /** The address actually bound (HOST and PORT as the socket took them). */
  readonly address: ListenAddress;
  /** A URL that reaches the service from this machine. */
  readonly url: string;
  /** Stops the HTTP host (letting requests finish), then the sync jobs, then the database. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The composition root: validates config, opens (or starts) the database, applies migrations,
 * wires the container from the core and the plugins, and starts the HTTP host.
 * A bad configuration throws one AppError listing every problem, before anything starts.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config, registry } = loadConfig({
    env: options.env,
    defaultConfigDir: join(packageRoot(), 'config'),
    findPlugin: pluginFinder(options.pluginsDir ?? join(codeRoot(), 'plugins')),
  });
  const syncJobSettings = readSyncJobSettings(options.env);
  const logger = createLogger(config.service.logLevel, options.logSink);
  const { service } = config;
  logger.info(
    service.databaseUrl
      ? 'using PostgreSQL from DATABASE_URL'
      : `DATABASE_URL is unset: starting embedded PostgreSQL (PGlite) with data under ${service.dataDir}`,
  );
  const database = await openDatabase({ url: service.databaseUrl, dataDir: service.dataDir, migrations: registry.migrations });
  logger.info('database ready', { mode: database.mode, migrationsApplied: database.appliedNow });

  let host: HttpHost | undefined;
  let jobs: SyncJobEngine | undefined;
  let jobEngine: JobEngine | undefined;
  let webhooks: WebhookDeliveryEngine | undefined;
  const started: StartupTask[] = [];
  try {
    const container = new Container();
    container.load(
      runtimeModule({
        config,
        logger,
        database,
        registry,
        clock: options.clock ?? (() => new Date()),
        metrics: createServiceMetrics(database),
        env: options.env,
        syncJobSettings,
      }),
    );
    container.load(webhooksModule());
    container.load(...registry.modules);
    if (options.overrides?.length) container.load(...options.overrides);
    // Before any route or sync is built: a task may provide what they inject (a plugin's endpoints).
    for (const task of container.isBound(TOKENS.StartupTask) ? container.getAll<StartupTask>(TOKENS.StartupTask) : []) {
      await task.start();
      started.unshift(task);
    }
    // After the migrations (openDatabase applied them) and the start-up tasks (a sync may inject
    // what they provide); no sync queue is made when no adapter binds a ServerDrivenSync.
    jobEngine = container.get<JobEngine>(TOKENS.JobEngine);
    jobs = container.get<SyncJobEngine>(TOKENS.ConnectionSyncJobs);
    await jobs.start();
    webhooks = container.get<WebhookDeliveryEngine>(WEBHOOK_TOKENS.Delivery);
    await webhooks.start();
    const routes = container.getAll<HttpRoutes>(TOKENS.HttpRoutes);
    host = await startHttpHost({
      port: service.port,
      host: service.host,
      trustProxy: service.trustProxy,
      logger,
      database,
      routes: [...routes, openApiRoutes(routes, { title: 'QuickBooks Desktop sync', version: PACKAGE_VERSION, serverUrl: service.publicUrl })],
    });
    const { address } = host;
    // The embedded database's socket (a private folder, no secret in the URL) lets psql or a second instance of this OS user reach it.
    logger.info('listening', {
      address: address.text,
      reach: address.reach,
      port: host.port,
      publicUrl: service.publicUrl,
      plugins: registry.pluginIds,
      database: database.mode,
      ...(database.mode === 'embedded' ? { embeddedDatabaseUrl: database.url } : {}),
    });
    const stopWatch = watchQuietConnections({ database, clock: options.clock ?? (() => new Date()), logger, everySeconds: service.quietCheckSeconds });
    return {
      config,
      container,
      database,
      port: host.port,
      address,
      url: address.localUrl,
      stop: once(() => shutDown(logger, host!, { jobs: jobs!, webhooks: webhooks!, engine: jobEngine! }, database, stopWatch, started)),
    };
  } catch (error) {
    await host?.stop(0);
    await webhooks?.stop();
    await jobs?.stop();
    await jobEngine?.stop();
    webhooks?.close();
    await stopTasks(started);
    await database.close();
    throw error;
  }
}

async function shutDown(
  logger: Logger,
  host: HttpHost,
  background: { jobs: SyncJobEngine; webhooks: WebhookDeliveryEngine; engine: JobEngine },
  database: Database,
  stopWatch: () => void,
  started: readonly StartupTask[],
): Promise<void> {
  logger.info('stopping: no new requests; waiting for those in flight');
  stopWatch();
  await host.stop();
  // While the database (and what the tasks started) is still there: the pump stops queueing, running
  // syncs are aborted (releasing their leases), then the job engine lets every running job end.
  await background.webhooks.stop();
  await background.jobs.stop();
  await background.engine.stop();
  background.webhooks.close();
  await stopTasks(started);
  await database.close();
  logger.info('stopped');
}

/** Stops started tasks, last started first. */
async function stopTasks(started: readonly StartupTask[]): Promise<void> {
  for (const task of started) await task.stop?.();
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
