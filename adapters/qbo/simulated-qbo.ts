import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors/app-error';
import { codeRoot } from '../../core/runtime/package-root';
import type { QboEndpoints } from './qbo-endpoints';

/** The part of the simulator (test/simulators/qbo, helper "sim") the service uses in simulated mode. */
interface SimulatorHandle {
  readonly url: string;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  createCompany(options: { name?: string; seed?: number }): string | Promise<string>;
  stop(): Promise<void> | void;
}

type StartSimulator = (options: {
  clientId: string;
  clientSecret: string;
  verifierToken: string;
  appName?: string;
  redirectUris?: readonly string[];
  webhookUrl?: string;
}) => Promise<SimulatorHandle>;

/**
 * The key of simulated mode's tokens, made once and kept in DATA_DIR (owner-only) so that a
 * restart still opens what the last run stored.
 */
function simulatedTokenKey(dataDir: string): Buffer {
  const file = join(dataDir, 'qbo-simulated-token-key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}

/**
 * Starts the QuickBooks Online simulator inside the service on 127.0.0.1 (a free port), with a
 * sample company and generated app credentials, so a fresh clone's `npm start` can connect QBO.
 * The simulator is test code: it is loaded by path from the compiled tree, never bundled.
 */
export async function startSimulatedQbo(input: {
  dataDir: string;
  redirectUrl: string;
  webhookUrl: string;
}): Promise<{ endpoints: QboEndpoints; stop: () => Promise<void> }> {
  const modulePath = join(codeRoot(), 'test', 'simulators', 'qbo', 'qbo-simulator.js');
  if (!existsSync(modulePath)) {
    throw new AppError(
      'invalid',
      'QuickBooks Online is not configured: set QBO_CLIENT_ID, QBO_CLIENT_SECRET and QBO_TOKEN_KEY (the built-in simulator is not installed).',
      {
        detail: `missing ${modulePath}`,
      },
    );
  }
  const { startQboSimulator } = (await import(pathToFileURL(modulePath).href)) as { startQboSimulator: StartSimulator };
  const credentials = {
    clientId: `sim-${randomBytes(8).toString('hex')}`,
    clientSecret: randomBytes(24).toString('base64url'),
    verifierToken: randomBytes(24).toString('base64url'),
  };
  // The redirect URL registered, as with a real Intuit app: any other is refused.
  const sim = await startQboSimulator({ ...credentials, appName: 'Alternative Payments', redirectUris: [input.redirectUrl], webhookUrl: input.webhookUrl });
  await sim.createCompany({ name: 'Simulated Company (QuickBooks Online)', seed: 1 });
  const endpoints: QboEndpoints = Object.freeze({
    apiBaseUrl: sim.url,
    authorizeUrl: sim.authorizeUrl,
    tokenUrl: sim.tokenUrl,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    redirectUrl: input.redirectUrl,
    webhookVerifierToken: credentials.verifierToken,
    tokenKey: simulatedTokenKey(input.dataDir),
    simulated: true,
  });
  return { endpoints, stop: async () => void (await sim.stop()) };
}
