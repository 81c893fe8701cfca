import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { FreshDatabase, freshDatabaseUrl } from '../support/fresh-database-url';
import { FreshServiceData, freshServiceData } from '../support/migrated-database-template';
import { readJson } from '../support/read-json';
import { spawnService } from '../support/service-process';
import { GOOD_DEFAULTS, writeConfigDir } from '../support/test-config-dir';
import { scratchDir } from '../support/scratch-dir';

const ADMIN_TOKEN = 'e2e-admin-token-0123456789';
const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

describe('The service as a process (what npm start runs)', function () {
  this.timeout(60_000);
  let fresh: FreshDatabase;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let earlier: FreshServiceData | undefined;
  /**
   * The data of a service that has started before (a copy of a database with every migration
   * applied), for the tests of anything but a first start: a first start on the embedded
   * database spends seconds in initdb and the migrations, which the first test goes through.
   */
  const envStartedBefore = async (): Promise<NodeJS.ProcessEnv> => {
    earlier = await freshServiceData('qbdalt-e2e-');
    return { DATA_DIR: earlier.dataDir, ADMIN_TOKEN, ...(earlier.databaseUrl ? { DATABASE_URL: earlier.databaseUrl } : {}) };
  };

  beforeEach(async () => {
    fresh = await freshDatabaseUrl();
    dataDir = scratchDir('qbdalt-e2e-');
    env = { DATA_DIR: dataDir, ADMIN_TOKEN, ...(fresh.url ? { DATABASE_URL: fresh.url } : {}) };
  });
  afterEach(async () => {
    await fresh.drop();
    rmSync(dataDir, { recursive: true, force: true });
    await earlier?.remove();
    earlier = undefined;
  });

  it('answers /health, stops cleanly on SIGTERM, and still has its data after a restart', async () => {
    const first = spawnService(env);
    const port = await first.listening;
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).to.equal(200);
    // What a person reads names the address actually bound, not a loopback URL.
    expect(first.stderr.join('')).to.include(`Listening on 0.0.0.0:${port} (every interface; public address`);
    const created = await fetch(`http://127.0.0.1:${port}/api/admin/partners`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'Kept Ltd' }) });
    const { id } = await readJson(created);
    first.child.kill('SIGTERM');
    expect(await first.exited).to.equal(0);
    expect(first.stdout.some((l) => JSON.parse(l).msg === 'stopped')).to.equal(true);

    const second = spawnService(env);
    const port2 = await second.listening;
    const partners = await readJson(await fetch(`http://127.0.0.1:${port2}/api/admin/partners`, { headers: admin }));
    expect(partners.map((p: { id: string }) => p.id)).to.include(id);
    expect(second.stdout.map((l) => JSON.parse(l)).find((e) => e.msg === 'database ready').migrationsApplied).to.deep.equal([]);
    second.child.kill('SIGINT');
    expect(await second.exited).to.equal(0);
  });

  it('is killed, and its waiter told what it wrote, when it never says it listens (a database that never answers)', async () => {
    // 10 s: under the whole suite's load a service can take seconds to write its first line.
    const silent = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const service = spawnService({ ...env, DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/quiet` }, { startTimeoutMs: 10_000 });
      const refused = await service.listening.then(
        () => 'listening',
        (error: Error) => error.message,
      );
      expect(refused).to.match(/did not say it listens within 10000 ms, so it was killed/);
      expect(refused).to.include('using PostgreSQL from DATABASE_URL');
      expect(await service.exited).to.equal(null); // ended by the signal
    } finally {
      silent.close();
    }
  });

  it('says in its log which database it uses', async () => {
    const service = spawnService(await envStartedBefore());
    await service.listening;
    const first = JSON.parse(service.stdout[0]).msg as string;
    expect(first).to.match(fresh.url ? /using PostgreSQL from DATABASE_URL/ : /embedded PostgreSQL \(PGlite\) with data under/);
    service.child.kill('SIGTERM');
    await service.exited;
  });

  it('lets a request in flight finish when SIGTERM arrives, then exits', async () => {
    const service = spawnService(await envStartedBefore());
    const port = await service.listening;
    const body = JSON.stringify({ name: 'Slow Upload Inc' });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/admin/partners', method: 'POST', headers: { ...admin, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      // The rest of the body arrives after the signal: the request is in flight when it lands.
      setTimeout(() => service.child.kill('SIGTERM'), 200);
      setTimeout(() => req.end(body.slice(10)), 700);
    });
    const { status, text } = await answer;
    expect(status, text).to.equal(201);
    expect(await service.exited).to.equal(0);
  });

  it('refuses to start on a configuration with three mistakes, naming all three and no secret', async () => {
    const configDir = writeConfigDir({
      'defaults.json': { ...GOOD_DEFAULTS, plugins: ['alternative-qbd', 'no-such-plugin'] },
      'partners/acme.json': { partnerId: 'not-a-uuid' },
    });
    const service = spawnService({ ...env, CONFIG_DIR: configDir, ADMIN_TOKEN: 'hunter2' });
    expect(await service.exited).to.equal(1);
    const said = service.stderr.join('');
    expect(said).to.include('(3 problems)');
    expect(said).to.include('environment.ADMIN_TOKEN: must be at least 16 characters');
    expect(said).to.include('defaults.json: plugins[1]: no plugin is called "no-such-plugin"');
    expect(said).to.include('partners/acme.json: partnerId: must be a partner id');
    expect(said).not.to.include('hunter2');
  });

  it('refuses a second service on the same embedded data folder', async function () {
    if (fresh.url) this.skip(); // a real server has no data folder to share
    const startedBefore = await envStartedBefore();
    const first = spawnService(startedBefore);
    await first.listening;
    const second = spawnService(startedBefore);
    expect(await second.exited).to.equal(1);
    expect(second.stderr.join('')).to.match(/Another service \(process \d+\) is using the data folder/);
    first.child.kill('SIGTERM');
    expect(await first.exited).to.equal(0);
  });
});
