import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningService, startService } from '../../core/runtime/service';
import { freePort } from './free-port';
import { freshDatabaseUrl } from './fresh-database-url';

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
 * database on DATABASE_URL's server, or an embedded one in a temp folder).
 */
export async function startTestService(env: NodeJS.ProcessEnv = {}, clock?: () => Date): Promise<TestService> {
  const database = await freshDatabaseUrl();
  const dataDir = mkdtempSync(join(tmpdir(), 'qbdalt-test-'));
  const logs: Record<string, unknown>[] = [];
  // QWC files carry PUBLIC_URL, so the service must know its port before it listens.
  const port = await freePort();
  const service = await startService({
    env: { PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, DATA_DIR: dataDir, ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: 'debug', DATABASE_URL: database.url, ...env },
    logSink: (line) => logs.push(JSON.parse(line)),
    clock,
  });
  return {
    service,
    url: service.url,
    logs,
    async stop() {
      await service.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
