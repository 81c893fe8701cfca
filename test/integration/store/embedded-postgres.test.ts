import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EMBEDDED_SHARED_BUFFERS, EmbeddedPostgres, startEmbeddedPostgres } from '../../../core/store/embedded-postgres';
import { copyPristineCluster } from '../../support/pristine-cluster';
import { scratchDir } from '../../support/scratch-dir';

const NOBODY = 65534;

/** The socket's folder, read back out of the URL the service connects with. */
const socketDirOf = (url: string) => decodeURIComponent(new URL(url).hostname);

async function firstValue(url: string, sql: string): Promise<unknown> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return Object.values((await client.query(sql)).rows[0])[0];
  } finally {
    await client.end();
  }
}

const selectOne = (url: string) => firstValue(url, 'select 1 as one');

/** Tries the URL as another OS user (nobody), as a second local account on the machine would: its error code, or 'connected'. */
function connectAsNobody(url: string): Promise<string> {
  const script = `const { Client } = require(process.argv[1]); const c = new Client({ connectionString: process.argv[2] });
    c.connect().then(() => { console.log('connected'); return c.end(); }, (e) => console.log(e.code || e.message));`;
  const child = spawn(process.execPath, ['-e', script, require.resolve('pg'), url], { uid: NOBODY, gid: NOBODY, stdio: ['ignore', 'pipe', 'pipe'], cwd: '/' });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  return new Promise((resolve) => child.on('exit', () => resolve(out.trim())));
}

describe('The embedded database (PGlite) listens on a private Unix socket', function () {
  this.timeout(60_000);
  let dataDir: string;
  let db: EmbeddedPostgres | undefined;

  beforeEach(() => {
    dataDir = scratchDir('qbdalt-socket-');
    // Any local user may walk into the data folder here, so only the socket folder's own mode guards it.
    chmodSync(dataDir, 0o755);
  });
  afterEach(async () => {
    await db?.stop();
    db = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const where of ['a data folder', 'memory'] as const) {
    it(`with ${where}: has no TCP address, and its socket sits in a folder only this user may enter`, async () => {
      db = await startEmbeddedPostgres(where === 'memory' ? undefined : dataDir);
      const url = new URL(db.url);
      expect(url.hostname, 'a folder, not a host name or address').to.match(/^%2F/);
      const dir = socketDirOf(db.url);
      if (where === 'a data folder') expect(dir).to.equal(join(dataDir, 'socket'));
      const stat = statSync(dir);
      expect((stat.mode & 0o777).toString(8)).to.equal('700');
      expect(stat.uid).to.equal(process.getuid!());
      expect(statSync(join(dir, '.s.PGSQL.5432')).isSocket()).to.equal(true);
      expect(await selectOne(db.url)).to.equal(1);
      expect(await firstValue(db.url, 'show shared_buffers'), "EMBEDDED_SHARED_BUFFERS, not PostgreSQL's 128MB").to.equal(EMBEDDED_SHARED_BUFFERS);
    });
  }

  it('refuses another local user (nobody) at the socket folder', async function () {
    if (process.getuid!() !== 0) this.skip(); // only root can act as another user here
    await copyPristineCluster(dataDir); // what is tested comes after initdb
    db = await startEmbeddedPostgres(dataDir);
    expect(await connectAsNobody(db.url)).to.equal('EACCES');
    expect(await selectOne(db.url), 'this user still connects').to.equal(1);
  });

  it('uses a private temporary folder when the data folder path is too long for a socket, and removes it at stop', async () => {
    const deep = join(dataDir, 'a-folder-name-long-enough-that-the-socket-path-passes-the-108-bytes-a-unix-socket-may-have');
    await copyPristineCluster(deep);
    db = await startEmbeddedPostgres(deep);
    const dir = socketDirOf(db.url);
    expect(dir.startsWith(tmpdir())).to.equal(true);
    expect((statSync(dir).mode & 0o777).toString(8)).to.equal('700');
    expect(await selectOne(db.url)).to.equal(1);
    await db.stop();
    db = undefined;
    expect(existsSync(dir)).to.equal(false);
  });
});
