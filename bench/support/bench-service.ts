import { readFileSync, readdirSync } from 'node:fs';
import { runSql } from '../../test/support/run-sql';
import { freshDatabaseUrl } from '../../test/support/fresh-database-url';
import { freePort } from '../../test/support/free-port';
import { spawnService } from '../../test/support/service-process';
import { TEST_ADMIN_TOKEN } from '../../test/support/test-service';

/** The PostgreSQL server benchmarks write into: DATABASE_URL's, else the machine's own. */
export const BENCH_DATABASE_SERVER = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface BenchService {
  readonly url: string;
  /** Runs SQL on the service's database. */
  sql(text: string): Promise<void>;
  readonly pid: number;
  /** CPU seconds (user + system) the service process has used so far. */
  cpuSeconds(): number;
  /** The service process's peak resident memory so far, in MB (VmHWM). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

const CLOCK_TICKS_PER_SECOND = 100; // Linux's USER_HZ, what /proc/<pid>/stat counts in

/**
 * The service as `npm start` runs it, in a process of its own (so its CPU and memory are its
 * own, not the simulators'), on a fresh database of the real PostgreSQL server.
 */
export async function startBenchService(env: NodeJS.ProcessEnv = {}): Promise<BenchService> {
  const database = await freshDatabaseUrl({ DATABASE_URL: BENCH_DATABASE_SERVER });
  const port = await freePort();
  const child = spawnService({
    PORT: String(port),
    PUBLIC_URL: `http://localhost:${port}`,
    DATABASE_URL: database.url,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    LOG_LEVEL: 'info',
    ...env,
  });
  await child.listening;
  const pid = child.child.pid!;
  // Log lines are kept by spawnService; a long benchmark does not need them.
  const drop = setInterval(() => child.stdout.splice(0), 1000);
  return {
    url: `http://localhost:${port}`,
    sql: (text) => runSql(database.url!, text),
    pid,
    cpuSeconds() {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    },
    peakRssMb() {
      const line = readFileSync(`/proc/${pid}/status`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('VmHWM:'))!;
      return Number(line.replace(/\D+/g, '')) / 1024;
    },
    async stop() {
      clearInterval(drop);
      child.child.kill('SIGTERM');
      await child.exited;
      await database.drop();
    },
  };
}

/**
 * CPU seconds used so far by every PostgreSQL process of this machine (its server's backends and
 * workers): what the database costs in a benchmark, when DATABASE_URL points at this machine.
 */
export function databaseCpuSeconds(): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** This process's CPU seconds so far (the simulators' side). */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** The last line a benchmark prints: what the runner puts in its table. */
export function printSummary(row: { benchmark: string; measured: string; target: string; met: boolean; comparison: string }): void {
  console.log(`SUMMARY ${JSON.stringify(row)}`);
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
