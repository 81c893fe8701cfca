import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningService, startService } from '../../core/runtime/service';
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
export async function startTestService(env: NodeJS.ProcessEnv = {}): Promise<TestService> {
  const database = await freshDatabaseUrl();
  const dataDir = mkdtempSync(join(tmpdir(), 'qbdalt-test-'));
  const logs: Record<string, unknown>[] = [];
  const service = await startService({
    env: { PORT: '0', DATA_DIR: dataDir, ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: 'debug', DATABASE_URL: database.url, ...env },
    logSink: (line) => logs.push(JSON.parse(line)),
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
