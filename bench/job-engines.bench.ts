import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { startEmbeddedPostgres } from '../core/store/embedded-postgres';

/**
 * Benchmark: the two PostgreSQL job engines usable on Node 20 (pg-boss 10.4.2, graphile-worker
 * 0.17.3) on our two databases: the embedded PGlite behind pglite-socket and a real server.
 * For each: does it start, jobs/s for 1000 tiny jobs, enqueue->start latency (p50/p99), when a
 * job held by a SIGKILLed worker runs again, and whether two jobs of one key ever run at once.
 * ADR 0012 records the figures. `npm run bench:jobs` (BENCH_PG_URL overrides the real server).
 * graphile-worker was removed from the dependencies after the choice: its half runs when it is
 * installed (`npm i --no-save graphile-worker@0.17.3`), and is skipped otherwise.
 */
const SERVER = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const POLL_SECONDS = 0.5; // both engines poll at 500 ms so the latency figures compare
const KILL_WAIT_MS = 40_000;
const BATCH = 20;

interface Engine {
  enqueue(key: string, n?: number): Promise<void>;
  stop(): Promise<void>;
}
type Handler = (key: string) => Promise<void>;
/** Without a handler the engine only enqueues (it runs no worker). */
type EngineFactory = (url: string, onJob: Handler | undefined, embedded: boolean) => Promise<Engine>;

let engineErrors = 0;

const pgBoss: EngineFactory = async (url, onJob, embedded) => {
  // Embedded: one connection (the socket multiplexer takes 4 in all, and PGlite is one session anyway).
  const boss = new PgBoss({
    connectionString: url,
    max: embedded ? 1 : 10,
    expireInSeconds: 5,
    maintenanceIntervalSeconds: 1,
    retryLimit: 2,
    retryDelay: 0,
    schedule: false,
  });
  boss.on('error', (e) => {
    if (engineErrors++ === 0) console.log(`  first pg-boss error: ${e.message}`);
  });
  await boss.start();
  // stately: at most one job per key waiting and one running; every job carries a key.
  await boss.createQueue('bench', { name: 'bench', policy: 'stately', retryLimit: 2, expireInSeconds: 5 });
  // Two workers, as graphile's concurrency 2. pg-boss 10 waits out its polling interval after every
  // fetch, found or not, so a worker takes up to BATCH jobs per fetch (run one after another).
  for (let i = 0; onJob && i < 2; i++) {
    await boss.work<{ key: string }>('bench', { pollingIntervalSeconds: POLL_SECONDS, batchSize: BATCH }, async (jobs) => {
      for (const job of jobs) await onJob(job.data.key);
    });
  }
  return {
    async enqueue(key, n = 1) {
      const keys = n === 1 ? [key] : Array.from({ length: n }, (_, i) => `${key}${i}`);
      await boss.insert(keys.map((k) => ({ name: 'bench', data: { key: k }, singletonKey: k })));
    },
    stop: () => boss.stop({ graceful: false, wait: true, timeout: 2000 }),
  };
};

/** What the bench uses of graphile-worker 0.17 (loaded only when installed). */
interface GraphileRunner {
  addJob(task: string, payload: unknown, spec: { queueName?: string }): Promise<unknown>;
  stop(): Promise<void>;
}
type GraphileRun = (options: Record<string, unknown>) => Promise<GraphileRunner>;

function graphileRun(): GraphileRun | undefined {
  try {
    return (createRequire(__filename)('graphile-worker') as { run: GraphileRun }).run;
  } catch {
    return undefined;
  }
}

const graphile: EngineFactory = async (url, onJob) => {
  const runner = await graphileRun()!({
    connectionString: url,
    concurrency: 2,
    pollInterval: POLL_SECONDS * 1000,
    noHandleSignals: true,
    maxPoolSize: 3,
    taskList: onJob ? { bench: async (payload: { key: string }) => onJob(payload.key) } : {},
  });
  return {
    async enqueue(key, n = 1) {
      const specs = Array.from({ length: n }, (_, i) =>
        runner.addJob('bench', { key: n === 1 ? key : `${key}${i}` }, key.startsWith('k') ? { queueName: key } : {}),
      );
      await Promise.all(specs);
    },
    stop: () => runner.stop(),
  };
};

const ENGINES: Record<string, EngineFactory> = { 'pg-boss 10.4.2': pgBoss, ...(graphileRun() ? { 'graphile-worker 0.17.3': graphile } : {}) };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(name: string, factory: EngineFactory, url: string, embedded: boolean): Promise<void> {
  let done = 0;
  const started = new Map<string, number>();
  let running = 0;
  let maxTogether = 0;
  engineErrors = 0;
  const starting = performance.now();
  const engine = await withTimeout(
    factory(
      url,
      async (key) => {
        started.set(key, performance.now());
        if (key.startsWith('k')) {
          running++;
          maxTogether = Math.max(maxTogether, running);
          await sleep(300);
          running--;
        }
        done++;
      },
      embedded,
    ),
    20_000,
    'start',
  );
  try {
    const startMs = performance.now() - starting;
    const t0 = performance.now();
    await engine.enqueue('t', 1000);
    const enqueued = performance.now();
    await until(() => done >= 1000, 120_000).catch((e: Error) => console.log(`  ${done} of 1000 done: ${e.message}`));
    const t1 = performance.now();
    const latencies: number[] = [];
    for (let i = 0; i < 40; i++) {
      const sent = performance.now();
      await engine.enqueue(`l${i}`);
      await until(() => started.has(`l${i}`), 10_000);
      latencies.push(started.get(`l${i}`)! - sent);
      await sleep(Math.random() * 200);
    }
    latencies.sort((a, b) => a - b);
    // Two workers, four jobs of one key: graphile by queueName, pg-boss by singletonKey (stately).
    for (let i = 0; i < 4; i++) await engine.enqueue(`k1`).catch((e: Error) => console.log(`  enqueue k1 refused: ${e.message}`));
    await sleep(3000);
    console.log(
      `${name} on ${embedded ? 'embedded' : 'server'}: start (schema made) ${startMs.toFixed(0)} ms; 1000 jobs enqueue ${(enqueued - t0).toFixed(0)} ms, run ${(1000 / ((t1 - enqueued) / 1000)).toFixed(0)} jobs/s; ` +
        `latency p50 ${percentile(latencies, 50).toFixed(0)} ms p99 ${percentile(latencies, 99).toFixed(0)} ms; one key: at most ${maxTogether} at once, ${engineErrors} engine errors`,
    );
  } finally {
    await engine.stop();
  }
  await killedWorker(name, url, embedded);
}

/** A child process takes a job and is SIGKILLed mid-job; how long until this process runs it? */
async function killedWorker(name: string, url: string, embedded: boolean): Promise<void> {
  const child = spawn(process.execPath, [__filename, 'child', name, url, String(embedded)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  await until(() => output.includes('ready'), 20_000);
  const factory = ENGINES[name];
  const probe = await factory(url, undefined, embedded);
  await probe.enqueue('killed');
  await probe.stop();
  await until(() => output.includes('started'), 20_000);
  child.kill('SIGKILL');
  const killedAt = performance.now();
  let rerunAt = 0;
  const engine = await factory(url, async (key) => void (key === 'killed' && (rerunAt ||= performance.now())), embedded);
  await until(() => rerunAt > 0, KILL_WAIT_MS).catch(() => undefined);
  await engine.stop();
  console.log(
    `${name} on ${embedded ? 'embedded' : 'server'}: killed worker's job ran again ${rerunAt ? `after ${((rerunAt - killedAt) / 1000).toFixed(1)} s` : `not within ${KILL_WAIT_MS / 1000} s`}`,
  );
}

async function child(name: string, url: string, embedded: boolean): Promise<void> {
  await ENGINES[name](url, () => (console.log('started'), new Promise<void>(() => undefined)), embedded);
  console.log('ready');
}

async function main(): Promise<void> {
  if (process.argv[2] === 'child') return child(process.argv[3], process.argv[4], process.argv[5] === 'true');
  for (const [name, factory] of Object.entries(ENGINES)) {
    const embeddedDb = await startEmbeddedPostgres();
    try {
      await measure(name, factory, embeddedDb.url, true);
    } catch (error) {
      console.log(`${name} on embedded: FAILED: ${(error as Error).message}`);
    } finally {
      await withTimeout(embeddedDb.stop(), 10_000, 'embedded stop').catch((e: Error) => console.log(`  ${e.message}`));
    }
    const scratch = `bench_jobs_${randomBytes(4).toString('hex')}`;
    await admin(`create database ${scratch}`);
    const serverUrl = new URL(SERVER);
    serverUrl.pathname = `/${scratch}`;
    try {
      await measure(name, factory, serverUrl.toString(), false);
    } catch (error) {
      console.log(`${name} on server: FAILED: ${(error as Error).message}`);
    } finally {
      await admin(`drop database if exists ${scratch} with (force)`);
    }
  }
  process.exit(0);
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: SERVER });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await sleep(5);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`${what} did not finish in ${ms} ms`)))]);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
