import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { Problem } from '../errors/app-error';
import { FieldReader } from '../validation/field-reader';
import { LOG_LEVELS, ServiceSettings } from './app-config';

/** Environment variables the service reads, with what they are for (the README's table). */
export const ENVIRONMENT_VARIABLES = {
  PORT: 'HTTP port (default 8080)',
  HOST: 'IP address to listen on: 0.0.0.0 every interface (default), 127.0.0.1 this machine only',
  PUBLIC_URL: 'Public base URL for QWC files and links (default http://localhost:PORT)',
  DATABASE_URL: 'postgresql:// URL of a real PostgreSQL; unset runs an embedded one',
  DATA_DIR: 'Where the embedded database keeps its files (default ./.data)',
  ADMIN_TOKEN: 'Bearer token for /api/admin routes; unset turns them off (at least 16 characters)',
  METRICS_TOKEN: 'Bearer token for GET /metrics; unset turns it off (at least 16 characters)',
  TRUST_PROXY: 'true behind a reverse proxy or load balancer that sets X-Forwarded-For (default false)',
  LOG_LEVEL: 'debug, info, warn or error (default info)',
  QUIET_CHECK_SECONDS: 'How often connections are checked for having gone quiet (default 60)',
  CONFIG_DIR: 'Folder with defaults.json and partners/*.json (default ./config of the package)',
} as const;

const URL_HINT = 'must be an http:// or https:// URL';

function isUrl(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * Reads the service settings from environment variables. Every problem is reported under the
 * variable's name; values are never repeated, since DATABASE_URL, ADMIN_TOKEN and METRICS_TOKEN hold secrets.
 */
export function readEnvironment(env: NodeJS.ProcessEnv, defaultConfigDir: string, problems: Problem[]): ServiceSettings {
  // Empty variables count as unset, as shells and .env files often leave them empty.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = new FieldReader(problems, 'environment', present);
  const portText = r.string('PORT', { optional: true, pattern: /^\d{1,5}$/, patternHint: 'must be a port number 0-65535' });
  let port = portText === undefined || !/^\d{1,5}$/.test(portText) ? 8080 : Number(portText);
  if (port > 65535) {
    r.problem('PORT', 'must be a port number 0-65535');
    port = 8080; // so that the problem is not reported again through PUBLIC_URL
  }
  const host = r.string('HOST', { optional: true }) ?? '0.0.0.0';
  if (isIP(host) === 0) r.problem('HOST', 'must be an IP address to listen on, such as 0.0.0.0 (every interface) or 127.0.0.1 (this machine only)');
  const publicUrl = r.string('PUBLIC_URL', { optional: true }) ?? `http://localhost:${port}`;
  if (!isUrl(publicUrl, ['http:', 'https:'])) r.problem('PUBLIC_URL', URL_HINT);
  const databaseUrl = r.string('DATABASE_URL', { optional: true });
  if (databaseUrl !== undefined && !isUrl(databaseUrl, ['postgres:', 'postgresql:'])) {
    r.problem('DATABASE_URL', 'must be a postgresql:// URL');
  }
  const adminToken = r.string('ADMIN_TOKEN', { optional: true });
  if (adminToken !== undefined && adminToken.length < 16) r.problem('ADMIN_TOKEN', 'must be at least 16 characters');
  const metricsToken = r.string('METRICS_TOKEN', { optional: true });
  if (metricsToken !== undefined && metricsToken.length < 16) r.problem('METRICS_TOKEN', 'must be at least 16 characters');
  const quietText = r.string('QUIET_CHECK_SECONDS', { optional: true, pattern: /^\d{1,5}$/, patternHint: 'must be a whole number of seconds, 1-86400' });
  const quietCheckSeconds = quietText === undefined || !/^\d{1,5}$/.test(quietText) ? 60 : Number(quietText);
  if (quietCheckSeconds < 1 || quietCheckSeconds > 86_400) r.problem('QUIET_CHECK_SECONDS', 'must be a whole number of seconds, 1-86400');
  return {
    port,
    quietCheckSeconds,
    host,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    databaseUrl,
    dataDir: resolve(r.string('DATA_DIR', { optional: true }) ?? '.data'),
    adminToken,
    metricsToken,
    trustProxy: (r.oneOf('TRUST_PROXY', ['true', 'false'] as const, { optional: true }) ?? 'false') === 'true',
    logLevel: r.oneOf('LOG_LEVEL', LOG_LEVELS, { optional: true }) ?? 'info',
    configDir: resolve(r.string('CONFIG_DIR', { optional: true }) ?? defaultConfigDir),
  };
}
