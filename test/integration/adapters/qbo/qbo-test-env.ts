import type { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes, randomUUID } from 'node:crypto';
import { QBO_SYSTEM } from '../../../../adapters/qbo/qbo-system';
import { sendSql } from '../../../../core/store/send-sql';
import { GOOD_DEFAULTS, writeConfigDir } from '../../../support/test-config-dir';

/** A config folder whose defaults load QuickBooks Online's plugin beside QuickBooks Desktop's. */
export function qboConfigDir(): string {
  return writeConfigDir({ 'defaults.json': { ...GOOD_DEFAULTS, plugins: [...GOOD_DEFAULTS.plugins, 'alternative-qbo'] } });
}

/** A fresh QBO_TOKEN_KEY, as an operator makes one (`openssl rand -base64 32`). */
export const newTokenKey = () => randomBytes(32).toString('base64');

/** The app's credentials a test gives both the simulator and the service. */
export const newApp = () => ({
  clientId: `app-${randomBytes(4).toString('hex')}`,
  clientSecret: randomBytes(16).toString('hex'),
  verifierToken: randomBytes(16).toString('hex'),
});

/**
 * The environment of a service that talks to `sim` as if it were Intuit (real mode): the app's
 * credentials, the simulator's URLs and a token key.
 */
export function qboEnv(
  sim: { url: string; authorizeUrl: string; tokenUrl: string },
  app: { clientId: string; clientSecret: string; verifierToken: string },
  tokenKey = newTokenKey(),
): NodeJS.ProcessEnv {
  return {
    CONFIG_DIR: qboConfigDir(),
    QBO_CLIENT_ID: app.clientId,
    QBO_CLIENT_SECRET: app.clientSecret,
    QBO_WEBHOOK_VERIFIER_TOKEN: app.verifierToken,
    QBO_TOKEN_KEY: tokenKey,
    QBO_AUTHORIZE_URL: sim.authorizeUrl,
    QBO_TOKEN_URL: sim.tokenUrl,
    QBO_API_BASE_URL: sim.url,
  };
}

/** As qboEnv, with the job engine quick to poll and to retry: for end-to-end tests that wait on server-driven syncs. */
export function quickSyncQboEnv(
  sim: { url: string; authorizeUrl: string; tokenUrl: string },
  app: { clientId: string; clientSecret: string; verifierToken: string },
): NodeJS.ProcessEnv {
  return { ...qboEnv(sim, app), LOG_LEVEL: 'warn', SYNC_POLL_SECONDS: '1', SYNC_RETRY_BASE_SECONDS: '1', SYNC_RETRY_MAX_SECONDS: '2' };
}

/** Real-mode endpoints that nothing answers: for tests that never reach QuickBooks Online. */
export const UNREACHABLE_QBO = {
  url: 'http://127.0.0.1:9',
  authorizeUrl: 'http://127.0.0.1:9/connect/oauth2',
  tokenUrl: 'http://127.0.0.1:9/oauth2/v1/tokens/bearer',
};

/** A bare QuickBooks Online connection row of a partner (its qbo_connection row is the test's to add). */
export async function insertQboConnectionRow(em: EntityManager, partnerId: string, now = new Date()): Promise<string> {
  const id = randomUUID();
  await sendSql(
    em,
    `insert into connection (id, partner_id, system, company_name, status, created_at, updated_at) values (?, ?, ?, 'Online Books', 'connected', ?, ?)`,
    [id, partnerId, QBO_SYSTEM, now, now],
  );
  return id;
}
