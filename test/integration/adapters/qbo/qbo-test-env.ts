import { randomBytes } from 'node:crypto';
import { GOOD_DEFAULTS, writeConfigDir } from '../../../support/test-config-dir';

/** A config folder whose defaults load QuickBooks Online's plugin beside QuickBooks Desktop's. */
export function qboConfigDir(): string {
  return writeConfigDir({ 'defaults.json': { ...GOOD_DEFAULTS, plugins: [...GOOD_DEFAULTS.plugins, 'alternative-qbo'] } });
}

/** A fresh QBO_TOKEN_KEY, as an operator makes one (`openssl rand -base64 32`). */
export const newTokenKey = () => randomBytes(32).toString('base64');

/**
 * The environment of a service that talks to `sim` as if it were Intuit (real mode): the app's
 * credentials, the simulator's URLs and a token key.
 */
export function qboEnv(
  sim: { url: string; authorizeUrl: string; tokenUrl: string },
  app: { clientId: string; clientSecret: string; verifierToken: string },
  tokenKey = newTokenKey(),
) {
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
