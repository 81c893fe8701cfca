import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../core/store/embedded-postgres';
import { scratchDir } from './scratch-dir';

let pristine: Promise<string> | undefined;

/** An embedded cluster as initdb leaves it, made once per test process; its pg folder. */
function pristineCluster(): Promise<string> {
  pristine ??= (async () => {
    const dir = scratchDir('qbdalt-pristine-');
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const database = await startEmbeddedPostgres(dir);
    await database.stop();
    return join(dir, 'pg');
  })();
  return pristine;
}

/**
 * Puts in `dataDir` an embedded cluster as initdb leaves it, with no migration applied, copied
 * from one made once per test process: initdb is seconds of WebAssembly a database, and a test
 * of what comes after it (migrations of an older release, the database's socket) need not pay
 * it each time. A test of a first start on an empty folder keeps the folder empty.
 */
export async function copyPristineCluster(dataDir: string): Promise<void> {
  cpSync(await pristineCluster(), join(dataDir, 'pg'), { recursive: true });
}

/**
 * A new data folder for a test of migrations on a database of an older release: on the embedded
 * database (`databaseUrl` unset) holding a pristine cluster (copyPristineCluster).
 */
export async function upgradeDataDir(prefix: string, databaseUrl: string | undefined): Promise<string> {
  const dataDir = scratchDir(prefix);
  if (!databaseUrl) await copyPristineCluster(dataDir);
  return dataDir;
}
