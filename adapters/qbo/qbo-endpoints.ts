import type { Problem } from '../../core/errors/app-error';

/** Where QuickBooks Online is reached and with which app credentials; bound from the environment at start-up. */
export interface QboEndpoints {
  /** Before `/v3/company/{realmId}/…`, no trailing slash. */
  readonly apiBaseUrl: string;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Registered with the app; Intuit compares it exactly. */
  readonly redirectUrl: string;
  /** Key of the webhooks' HMAC (`intuit-signature`); '' when webhooks are not set up. */
  readonly webhookVerifierToken: string;
  /** 32 bytes: the AES-256-GCM key of the tokens at rest. */
  readonly tokenKey: Buffer;
  /** True when the service runs its own QuickBooks Online simulator (no QBO_* variable set). */
  readonly simulated: boolean;
}

export const QBO_ENDPOINTS = Symbol.for('qbo/QboEndpoints');

/** Intuit's production endpoints (../shared/reference/qbo-api.md §1.1, §2.1). */
export const INTUIT_PRODUCTION = Object.freeze({
  authorizeUrl: 'https://appcenter.intuit.com/connect/oauth2',
  tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  apiBaseUrl: 'https://quickbooks.api.intuit.com',
});

/** The environment variables of QuickBooks Online, with what they are for (the README's table). */
export const QBO_ENVIRONMENT_VARIABLES = {
  QBO_CLIENT_ID: "The Intuit app's client id; unset (with every QBO_* unset) runs a QuickBooks Online simulator in the service",
  QBO_CLIENT_SECRET: "The Intuit app's client secret (required with QBO_CLIENT_ID)",
  QBO_TOKEN_KEY: "A 32-byte key, base64 or 64 hex digits, that encrypts the companies' tokens at rest (required with QBO_CLIENT_ID)",
  QBO_REDIRECT_URL: 'The OAuth redirect URL registered with the app (default PUBLIC_URL/qbo/callback)',
  QBO_WEBHOOK_VERIFIER_TOKEN: "The app's webhook verifier token; unset refuses webhooks (syncs still run on their interval)",
  QBO_AUTHORIZE_URL: "Intuit's authorize URL (default https://appcenter.intuit.com/connect/oauth2)",
  QBO_TOKEN_URL: "Intuit's token URL (default https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer)",
  QBO_API_BASE_URL: 'The Accounting API base (default https://quickbooks.api.intuit.com; https://sandbox-quickbooks.api.intuit.com for a sandbox)',
} as const;

type QboVariable = keyof typeof QBO_ENVIRONMENT_VARIABLES;

/** The real-Intuit settings, or 'simulated' when no QBO_* variable is set. */
export type QboEnvironment = 'simulated' | Omit<QboEndpoints, 'simulated'>;

/** A 32-byte key written as 64 hex digits or as base64 (44 characters with padding, 43 without). */
export function parseTokenKey(text: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return undefined;
  const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === 32 ? key : undefined;
}

function isUrl(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * Reads the QBO_* variables into endpoints, adding one problem per wrong or missing variable to
 * `problems` and never repeating a value (the secret and the key are secrets). Empty counts as unset.
 *
 * @example readQboEnvironment(process.env, 'https://sync.example.com', problems) // 'simulated' when no QBO_* is set
 */
export function readQboEnvironment(env: NodeJS.ProcessEnv, publicUrl: string, problems: Problem[]): QboEnvironment {
  const get = (name: QboVariable) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const given = (Object.keys(QBO_ENVIRONMENT_VARIABLES) as QboVariable[]).filter((name) => get(name) !== undefined);
  if (given.length === 0) return 'simulated';
  const problem = (at: QboVariable, message: string) => problems.push({ at: `environment: ${at}`, message });
  for (const name of ['QBO_CLIENT_ID', 'QBO_CLIENT_SECRET', 'QBO_TOKEN_KEY'] as const) {
    if (get(name) === undefined) problem(name, `is required when any QBO_* variable is set (${given.join(', ')}); unset them all to use the simulator`);
  }
  const tokenKeyText = get('QBO_TOKEN_KEY');
  const tokenKey = tokenKeyText === undefined ? undefined : parseTokenKey(tokenKeyText);
  if (tokenKeyText !== undefined && !tokenKey) {
    problem('QBO_TOKEN_KEY', 'must be 32 random bytes as 64 hex digits or base64 (e.g. the output of `openssl rand -base64 32`)');
  }
  const url = (name: QboVariable, fallback: string, protocols = ['https:', 'http:']) => {
    const value = get(name) ?? fallback;
    if (!isUrl(value, protocols)) problem(name, 'must be an http:// or https:// URL');
    return value.replace(/\/+$/, '');
  };
  const endpoints = {
    clientId: get('QBO_CLIENT_ID') ?? '',
    clientSecret: get('QBO_CLIENT_SECRET') ?? '',
    tokenKey: tokenKey ?? Buffer.alloc(0),
    redirectUrl: url('QBO_REDIRECT_URL', `${publicUrl}/qbo/callback`),
    webhookVerifierToken: get('QBO_WEBHOOK_VERIFIER_TOKEN') ?? '',
    authorizeUrl: url('QBO_AUTHORIZE_URL', INTUIT_PRODUCTION.authorizeUrl),
    tokenUrl: url('QBO_TOKEN_URL', INTUIT_PRODUCTION.tokenUrl),
    apiBaseUrl: url('QBO_API_BASE_URL', INTUIT_PRODUCTION.apiBaseUrl),
  };
  return Object.freeze(endpoints);
}
