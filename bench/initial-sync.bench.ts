import { benchCompany } from './support/bench-company';
import { BENCH_DATABASE_SERVER, ownCpuSeconds, printSummary, startBenchService } from './support/bench-service';

interface Run {
  readonly invoices: number;
  readonly customers: number;
  readonly seconds: number;
  readonly requests: number;
  readonly serviceCpu: number;
  readonly simulatorCpu: number;
  readonly peakMb: number;
}

/**
 * One first sync of a generated company (3 years, 5 lines per invoice) from the QuickBooks
 * simulator through the Web Connector simulator over HTTP into a fresh service process on the
 * real PostgreSQL. The service's CPU and peak memory are read from /proc; the simulators run here.
 */
async function firstSync(invoices: number, customers: number): Promise<Run> {
  const service = await startBenchService();
  try {
    const { connector, company } = await benchCompany(service.url, { seed: 5, customers, invoices, years: 3, linesPerInvoice: { min: 5, max: 5 } });
    const cpuBefore = service.cpuSeconds();
    const ownBefore = ownCpuSeconds();
    const started = performance.now();
    const outcome = await connector.runSession();
    const seconds = (performance.now() - started) / 1000;
    if (outcome.ended !== 'closed' || !outcome.closeMessage?.startsWith('Complete'))
      throw new Error(`the first sync did not complete: ${outcome.closeMessage}`);
    return {
      invoices: company.invoices.size,
      customers: company.customers.size,
      seconds,
      requests: outcome.percents.length,
      serviceCpu: service.cpuSeconds() - cpuBefore,
      simulatorCpu: ownCpuSeconds() - ownBefore,
      peakMb: service.peakRssMb(),
    };
  } finally {
    await service.stop();
  }
}

async function main(): Promise<void> {
  const full = Number(process.argv[2] ?? 20_000);
  console.log(`Initial sync throughput (service process + PostgreSQL at ${new URL(BENCH_DATABASE_SERVER).host}; simulators in this process)`);
  const runs: Run[] = [];
  for (const invoices of [Math.round(full / 4), full]) {
    const run = await firstSync(invoices, Math.round(invoices / 4));
    runs.push(run);
    const perThousand = (cpu: number) => ((cpu / run.invoices) * 1000).toFixed(2);
    console.log(
      `  ${String(run.customers).padStart(6)} customers ${String(run.invoices).padStart(7)} invoices: ${run.seconds.toFixed(1)} s, ${run.requests} requests, ` +
        `${(run.invoices / run.seconds).toFixed(0)} invoices/s; service CPU ${perThousand(run.serviceCpu)} s per 1,000 invoices ` +
        `(simulated QuickBooks + Web Connector ${perThousand(run.simulatorCpu)} s); service peak RSS ${run.peakMb.toFixed(0)} MB`,
    );
  }
  const [small, big] = runs;
  const rate = big.invoices / big.seconds;
  const memoryGrowth = big.peakMb / small.peakMb;
  console.log(
    `  memory: peak ${small.peakMb.toFixed(0)} MB at ${small.invoices} invoices vs ${big.peakMb.toFixed(0)} MB at ${big.invoices} (x${memoryGrowth.toFixed(2)} for x${(big.invoices / small.invoices).toFixed(0)} data)`,
  );
  printSummary({
    benchmark: `1. initial sync, ${big.customers} customers / ${big.invoices} invoices x 5 lines`,
    measured: `${rate.toFixed(0)} invoices/s; ${((big.serviceCpu / big.invoices) * 1000).toFixed(2)} service CPU s per 1,000; peak ${big.peakMb.toFixed(0)} MB`,
    target: '>= 1,000 invoices/s; <= 0.5 service CPU s per 1,000; memory flat in size',
    met: rate >= 1000 && (big.serviceCpu / big.invoices) * 1000 <= 0.5 && memoryGrowth < 1.5,
    comparison: `simulators used ${((big.simulatorCpu / big.serviceCpu) * 100).toFixed(0)}% of the service's CPU; peak memory x${memoryGrowth.toFixed(2)} for x4 data`,
  });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
