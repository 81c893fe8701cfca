import { RuleLayer } from '../rules/direction-rule';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings of the running service, from the environment. */
export interface ServiceSettings {
  readonly port: number;
  /** The IP address listened on; 0.0.0.0 (every interface) unless the operator narrows it. */
  readonly host: string;
  /** Where partners' Web Connectors and browsers reach us (goes into QWC files). */
  readonly publicUrl: string;
  /** A real PostgreSQL; when absent the service runs an embedded one under dataDir. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
  /** Turns the admin routes on; they are off when it is unset. */
  readonly adminToken?: string;
  /** Turns GET /metrics on, for a scraper sending it as a Bearer token; off (404) when unset. */
  readonly metricsToken?: string;
  readonly logLevel: LogLevel;
  readonly configDir: string;
  /**
   * Behind a reverse proxy or load balancer: a caller's address is the one the proxy writes in
   * X-Forwarded-For. Off by default, since anyone can write that header and so choose their own
   * address (and escape a per-address throttle).
   */
  readonly trustProxy: boolean;
  /** How often connections are checked for having gone quiet (stale), in seconds. */
  readonly quietCheckSeconds: number;
}

/** Sync defaults that a partner's file may override. */
export interface SyncSettings {
  /** How often the Web Connector should poll, in minutes. */
  readonly intervalMinutes: number;
  /** The first sync reads this many months back before it turns to older history. */
  readonly initialWindowMonths: number;
  /** Older history is read in windows of this many months. */
  readonly historyWindowMonths: number;
  /** How many records one page of a read from an accounting system asks for. */
  readonly pageSize: number;
}

/** Used only when defaults.json cannot be read, so partner files can still be checked. */
export const BUILT_IN_SYNC: SyncSettings = Object.freeze({ intervalMinutes: 5, initialWindowMonths: 12, historyWindowMonths: 12, pageSize: 250 });

/** One partner's overrides, read from config/partners/<name>.json. */
export interface PartnerOverrides {
  readonly partnerId: string;
  readonly file: string;
  /** Only the sync settings the file names; resolveSyncSettings lays them over the defaults. */
  readonly sync: Partial<SyncSettings>;
  /** The partner's rule layer; empty when the file has no rules. */
  readonly rules: RuleLayer;
}

/** The whole configuration, validated once at boot and frozen. */
export interface AppConfig {
  readonly service: ServiceSettings;
  readonly sync: SyncSettings;
  readonly plugins: readonly string[];
  readonly partners: ReadonlyMap<string, PartnerOverrides>;
}
