import type { ContainerModule } from 'inversify';
import { RunningService, startService } from '../../core/runtime/service';
import { freePort } from './free-port';
import { loopbackOnlyConnect } from './loopback-only-connect';
import { freshServiceData } from './migrated-database-template';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestService {
  readonly service: RunningService;
  readonly url: string;
  /** Every log line the service wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * Starts the whole service in this process on a free port, with its own database (a fresh
 * database on DATABASE_URL's server, or an embedded one in a temp folder), copied from one with
 * every migration applied (migratedDatabaseTemplate).
 */
export async function startTestService(env: NodeJS.ProcessEnv = {}, clock?: () => Date, overrides?: readonly ContainerModule[]): Promise<TestService> {
  const data = await freshServiceData('qbdalt-test-');
  const logs: Record<string, unknown>[] = [];
  // QWC files carry PUBLIC_URL, so the service must know its port before it listens.
  const port = await freePort();
  const service = await startService({
    env: {
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      DATA_DIR: data.dataDir,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      LOG_LEVEL: 'debug',
      DATABASE_URL: data.databaseUrl,
      ...env,
    },
    logSink: (line) => logs.push(JSON.parse(line)),
    clock,
    overrides: [loopbackOnlyConnect(), ...(overrides ?? [])],
  });
  return {
    service,
    url: service.url,
    logs,
    async stop() {
      await service.stop();
      await data.remove();
    },
  };
}
