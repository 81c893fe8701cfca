import { PGlite } from '@electric-sql/pglite';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerModule } from 'inversify';
import { RunningService, startService } from '../../core/runtime/service';
import { freePort } from './free-port';
import { loopbackOnlyConnect } from './loopback-only-connect';
import { freshDatabaseUrl } from './fresh-database-url';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestService {
  readonly service: RunningService;
  readonly url: string;
  /** Every log line the service wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

let template: Promise<string> | undefined;

/**
 * An embedded PostgreSQL cluster made once per test run: creating one (initdb, in WebAssembly)
 * takes about 5 s, copying this one about 0.2 s. A service that finds it in its data folder opens
 * it as it would after a restart, and runs its migrations as on any new database; the tests of
 * creating the embedded database itself (embedded-postgres, service-process) still create theirs.
 */
function embeddedTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qbdalt-template-'));
    const db = await PGlite.create(join(dir, 'pg'));
    await db.close();
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return join(dir, 'pg');
  })();
  return template;
}

/**
 * Starts the whole service in this process on a free port, with its own database (a fresh
 * database on DATABASE_URL's server, or an embedded one in a temp folder).
 */
export async function startTestService(env: NodeJS.ProcessEnv = {}, clock?: () => Date, overrides?: readonly ContainerModule[]): Promise<TestService> {
  const database = await freshDatabaseUrl();
  const dataDir = mkdtempSync(join(tmpdir(), 'qbdalt-test-'));
  if (!database.url) cpSync(await embeddedTemplate(), join(dataDir, 'pg'), { recursive: true });
  const logs: Record<string, unknown>[] = [];
  // QWC files carry PUBLIC_URL, so the service must know its port before it listens.
  const port = await freePort();
  const service = await startService({
    env: {
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      DATA_DIR: dataDir,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      LOG_LEVEL: 'debug',
      DATABASE_URL: database.url,
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
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
