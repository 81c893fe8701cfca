/**
 * Injection tokens of the runtime area, each beside the interface of the same name
 * (`Symbol.for('<area>/<Name>')`, as the style guide asks).
 */
export const TOKENS = {
  AppConfig: Symbol.for('runtime/AppConfig'),
  Logger: Symbol.for('runtime/Logger'),
  Database: Symbol.for('store/Database'),
  FrameworkRegistry: Symbol.for('plugins/FrameworkRegistry'),
  HttpRoutes: Symbol.for('runtime/HttpRoutes'),
  Clock: Symbol.for('runtime/Clock'),
  ServiceMetrics: Symbol.for('runtime/ServiceMetrics'),
  SyncSettingsSource: Symbol.for('config/SyncSettingsSource'),
  /** The environment the service was started with (read-only), for plugins that validate their own variables at start-up. */
  Environment: Symbol.for('runtime/Environment'),
  StartupTask: Symbol.for('runtime/StartupTask'),
  /** Multi-bound by adapters whose syncs the server drives (core/jobs/server-driven-sync.ts). */
  ServerDrivenSync: Symbol.for('jobs/ServerDrivenSync'),
  ConnectionSyncJobs: Symbol.for('jobs/ConnectionSyncJobs'),
  /** The one pg-boss every kind of job runs on (core/jobs/job-engine.ts). */
  JobEngine: Symbol.for('jobs/JobEngine'),
} as const;
