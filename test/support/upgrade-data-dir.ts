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
 * A new data folder for a test of migrations on a database of an older release. On the embedded
 * database (`databaseUrl` unset) it already holds a cluster as initdb leaves it, with no
 * migration applied, copied from one made once per test process: initdb is seconds of
 * WebAssembly a database, and what these tests look at starts after it. A test of a first start
 * on an empty folder takes a plain scratchDir instead.
 */
export async function upgradeDataDir(prefix: string, databaseUrl: string | undefined): Promise<string> {
  const dataDir = scratchDir(prefix);
  if (!databaseUrl) cpSync(await pristineCluster(), join(dataDir, 'pg'), { recursive: true });
  return dataDir;
}
