import { Client } from 'pg';
import { connectThroughSimulator } from '../integration/adapters/qbo/qbo-connect-flow';
import { newApp, newTokenKey, qboEnv } from '../integration/adapters/qbo/qbo-test-env';
import { QboSimulator, startQboSimulator } from '../simulators/qbo/qbo-simulator';
import { freePort } from './free-port';
import { freshDatabaseUrl } from './fresh-database-url';
import { PartnerApi } from './partner-api';
import { ProxiedCall, RequestLogProxy, startRequestLogProxy } from './request-log-proxy';
import { ServiceProcess, spawnService } from './service-process';
import { TEST_ADMIN_TOKEN } from './test-service';

/** One service process of the pair, with the proxy its QuickBooks Online calls go through. */
export interface QboInstance {
  readonly name: string;
  readonly url: string;
  readonly process: ServiceProcess;
  readonly proxy: RequestLogProxy;
  /** Date.now() when it was SIGKILLed, if it was. */
  killedAtMs?: number;
}

/** A partner whose QuickBooks Online company is connected. */
export interface ConnectedPartner {
  readonly api: PartnerApi;
  readonly realmId: string;
  readonly connectionId: string;
}

export interface QboInstances {
  readonly sim: QboSimulator;
  readonly instances: readonly QboInstance[];
  /** Every API call either instance made, in arrival order. */
  readonly calls: ProxiedCall[];
  readonly databaseUrl: string;
  /** A new simulated company and partner, connected through the consent page via the first instance. */
  connect(company: { seed: number; customers: number; invoices: number; monthsOfHistory?: number }, name: string): Promise<ConnectedPartner>;
  /** SIGKILL: no shutdown, the sync it runs cut where it stands. */
  kill(instance: QboInstance): Promise<void>;
  /** Rows of the service's database (the job engine's tables, say). */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/**
 * Several service processes (as `npm start` runs them) on one fresh database of the PostgreSQL
 * server at `serverUrl`, each talking to one QuickBooks Online simulator as if it were Intuit,
 * through a proxy that logs its calls. They share the app credentials and the token key, as
 * instances behind one balancer do; the first one's PUBLIC_URL takes the OAuth callbacks.
 */
export async function startQboInstances(input: { serverUrl: string; count: number; env?: NodeJS.ProcessEnv }): Promise<QboInstances> {
  const app = newApp();
  const sim = await startQboSimulator(app);
  const database = await freshDatabaseUrl({ DATABASE_URL: input.serverUrl });
  const databaseUrl = database.url!;
  const tokenKey = newTokenKey();
  const calls: ProxiedCall[] = [];
  const instances: QboInstance[] = [];
  const publicPort = await freePort();
  try {
    // One after the other: the first applies the migrations, the others find them done.
    for (let i = 0; i < input.count; i++) {
      const name = String.fromCharCode(65 + i);
      const proxy = await startRequestLogProxy(sim.url, name, calls);
      const port = i === 0 ? publicPort : await freePort();
      const child = spawnService({
        ...qboEnv({ url: proxy.url, authorizeUrl: sim.authorizeUrl, tokenUrl: sim.tokenUrl }, app, tokenKey),
        PORT: String(port),
        PUBLIC_URL: `http://localhost:${publicPort}`,
        DATABASE_URL: databaseUrl,
        ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        // 'info': the service says it listens at that level.
        LOG_LEVEL: 'info',
        ...input.env,
      });
      instances.push({ name, url: `http://localhost:${port}`, process: child, proxy });
      await child.listening;
      // spawnService keeps every log line; the newest are enough to read after a failure.
      setInterval(() => child.stdout.splice(0, Math.max(0, child.stdout.length - 2000)), 5000).unref();
    }
  } catch (error) {
    for (const instance of instances) instance.process.child.kill('SIGKILL');
    await sim.stop();
    await database.drop();
    throw error;
  }

  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  return {
    sim,
    instances,
    calls,
    databaseUrl,
    query,
    async connect(company, name) {
      const realmId = sim.createCompany({ ...company, name });
      sim.nextAuthorizedRealm = realmId;
      const api = await PartnerApi.createPartner(instances[0].url, name);
      const { dashboard } = await connectThroughSimulator(api);
      const [row] = await query<{ connection_id: string }>('select connection_id from qbo_connection where realm_id = $1', [realmId]);
      if (!row) throw new Error(`connecting ${name} made no connection (the dashboard got ${dashboard.search})`);
      return { api, realmId, connectionId: row.connection_id };
    },
    async kill(instance) {
      instance.killedAtMs = Date.now();
      instance.process.child.kill('SIGKILL');
      await instance.process.exited;
    },
    async stop() {
      for (const instance of instances) {
        if (instance.process.child.exitCode === null && instance.process.child.signalCode === null) {
          instance.process.child.kill('SIGTERM');
          await instance.process.exited;
        }
        await instance.proxy.stop();
      }
      await sim.stop();
      await database.drop();
    },
  };
}
