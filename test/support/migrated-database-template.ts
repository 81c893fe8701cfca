import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../core/config/load-config';
import { pluginFinder } from '../../core/plugins/find-plugin';
import { codeRoot, packageRoot } from '../../core/runtime/package-root';
import { openDatabase } from '../../core/store/open-database';
import { freshDatabaseUrl, withDatabaseClient } from './fresh-database-url';
import { copyPristineCluster } from './pristine-cluster';
import { scratchDir } from './scratch-dir';

/** Where a test service's database comes from: an embedded data folder to copy, or a server database to clone. */
export type DatabaseTemplate = { readonly kind: 'embedded'; readonly pgDir: string } | { readonly kind: 'server'; readonly name: string };

let made: Promise<DatabaseTemplate> | undefined;

/**
 * A database with every migration applied and nothing else, made once per test process: each
 * test service starts on a copy of it, as the service restarts on its own database every day
 * (its migrations up to date; the job engine still makes its own schema and queues, so a test
 * sees what one start made). Initdb (WebAssembly) and the migrations cost 0.5-4 s a new
 * database; a copy 0.05-0.2 s. The tests of a first start on an empty database
 * (embedded-postgres, open-database, the migration tests, service-process) still make their own.
 */
export function migratedDatabaseTemplate(serverUrl: string | undefined): Promise<DatabaseTemplate> {
  made ??= serverUrl ? serverTemplate(serverUrl) : embeddedTemplate();
  return made;
}

/**
 * Applies what a service with the default configuration applies at its first start: the
 * framework's migrations and its plugins' (without the plugins', every test service applied
 * ~20 of them again on its copy: half a second each on the embedded database).
 */
async function migrate(options: { dataDir?: string; url?: string }): Promise<void> {
  const { registry } = loadConfig({
    env: {},
    defaultConfigDir: join(packageRoot(), 'config'),
    findPlugin: pluginFinder(join(codeRoot(), 'plugins')),
  });
  const database = await openDatabase({ ...options, migrations: registry.migrations });
  await database.close();
}

async function embeddedTemplate(): Promise<DatabaseTemplate> {
  const dir = scratchDir('qbdalt-template-');
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  // From the process's pristine cluster: one initdb a process for the template and the upgrade tests.
  await copyPristineCluster(dir);
  await migrate({ dataDir: dir });
  return { kind: 'embedded', pgDir: join(dir, 'pg') };
}

async function serverTemplate(serverUrl: string): Promise<DatabaseTemplate> {
  const name = `qbdalt_template_${randomBytes(6).toString('hex')}`;
  await withDatabaseClient(serverUrl, (c) => c.query(`create database ${name}`));
  // 'exit' allows no waiting: a short child process drops it (a test process that is killed leaves it, as it leaves its test databases).
  process.once('exit', () => dropSync(serverUrl, name));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrate({ url: url.toString() });
  return { kind: 'server', name };
}

function dropSync(serverUrl: string, name: string): void {
  const script = `const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1] });
    c.connect().then(() => c.query('drop database if exists ${name} with (force)')).finally(() => c.end());`;
  try {
    execFileSync(process.execPath, ['-e', script, serverUrl], { cwd: __dirname, stdio: 'ignore', timeout: 10_000 });
  } catch {
    // Best effort: the server keeps one small database, as after a killed run.
  }
}

/** A new database for one test service, and the data folder the service is given. */
export interface FreshServiceData {
  /** The server database's URL; undefined when the service keeps its embedded one in dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  remove(): Promise<void>;
}

/**
 * A copy of the migrated template (migratedDatabaseTemplate) for one service: a database on
 * DATABASE_URL's server, or an embedded one in a new data folder.
 */
export async function freshServiceData(prefix: string): Promise<FreshServiceData> {
  const template = await migratedDatabaseTemplate(process.env.DATABASE_URL);
  const database = await freshDatabaseUrl(process.env, { template: template.kind === 'server' ? template.name : undefined });
  const dataDir = scratchDir(prefix);
  if (template.kind === 'embedded') cpSync(template.pgDir, join(dataDir, 'pg'), { recursive: true });
  return {
    databaseUrl: database.url,
    dataDir,
    async remove() {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
