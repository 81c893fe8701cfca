import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

interface Row {
  readonly benchmark: string;
  readonly measured: string;
  readonly target: string;
  readonly met: boolean;
  readonly comparison: string;
}

/** Each benchmark in a process of its own, one after the other (they would skew each other). */
const BENCHMARKS: readonly { file: string; args: string[]; node?: string[] }[] = [
  { file: 'initial-sync.bench.js', args: [process.env.BENCH_INVOICES ?? '20000'] },
  { file: 'incremental-poll.bench.js', args: [process.env.BENCH_LARGE_LEDGER ?? '100000'] },
  { file: 'many-connectors.bench.js', args: [process.env.BENCH_CONNECTORS ?? '200', '60'] },
  { file: 'qbxml-reader.bench.js', args: [], node: ['--expose-gc'] },
  { file: 'hostile-bodies.bench.js', args: [] },
  { file: 'second-start.bench.js', args: [] },
  { file: 'webhooks.bench.js', args: [process.env.BENCH_WEBHOOK_EVENTS ?? '10000', '4'] },
];

function run(bench: (typeof BENCHMARKS)[number]): Promise<Row> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(bench.node ?? []), join(__dirname, bench.file), ...bench.args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let summary: Row | undefined;
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('SUMMARY ')) summary = JSON.parse(line.slice(8)) as Row;
        else console.log(line);
      }
    });
    child.once('exit', (code) => (code === 0 && summary ? resolve(summary) : reject(new Error(`${bench.file} exited with ${code}`))));
  });
}

/** `npm run bench`: every benchmark, then one table (paste it into BENCHMARKS.md). */
async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
  const rows: Row[] = [];
  for (const bench of BENCHMARKS) {
    rows.push(await run(bench));
    console.log('');
  }
  console.log('| benchmark | measured | target | met | compared in the same run |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.benchmark} | ${r.measured} | ${r.target} | ${r.met ? 'yes' : 'no'} | ${r.comparison} |`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
