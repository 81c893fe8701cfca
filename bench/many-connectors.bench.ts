import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PartnerApi } from '../test/support/partner-api';
import { SoapTiming, benchCompany } from './support/bench-company';
import { databaseCpuSeconds, ownCpuSeconds, percentile, printSummary, startBenchService } from './support/bench-service';

type Company = Awaited<ReturnType<typeof benchCompany>>;

/** Puts a few changes in every company, then runs one session each, starting within `spreadMs`. */
async function round(companies: readonly Company[], timings: SoapTiming[], spreadMs: number) {
  for (const { company } of companies) {
    company.clock.advance(600);
    const [a, b] = [...company.invoices.values()];
    company.editInvoice(a.txnId, { memo: `changed ${company.clock.now().getTime()}` });
    company.editInvoice(b.txnId, { dueDate: '2027-03-01' });
    company.addCustomer({ name: `Walk-in ${company.clock.now().getTime()}` });
    company.clock.advance(60);
  }
  timings.length = 0;
  const started = performance.now();
  const outcomes = await Promise.all(
    companies.map(async (c, i) => {
      if (spreadMs > 0) await new Promise((r) => setTimeout(r, (i / companies.length) * spreadMs));
      return c.connector.runSession();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const failed = outcomes.filter((o) => !o.closeMessage?.startsWith('Complete'));
  if (failed.length) throw new Error(`${failed.length} sessions did not complete, e.g. ${failed[0].closeMessage ?? failed[0].ended}`);
  const ms = timings.map((t) => t.ms);
  return {
    seconds,
    sessions: outcomes.length,
    calls: ms.length,
    p50: percentile(ms, 50),
    p90: percentile(ms, 90),
    p99: percentile(ms, 99),
    max: Math.max(...ms),
  };
}

/**
 * Many Web Connectors against one service process: each company is small and already synced
 * (not timed). Then every connector runs one incremental session with a few changes waiting:
 * all at the same moment (the benchmark's case), then spread over a minute, as Web Connectors
 * on 5-minute schedules arrive in practice. Every SOAP call is timed at the client.
 */
async function main(): Promise<void> {
  const connectors = Number(process.argv[2] ?? 200);
  const spreadSeconds = Number(process.argv[3] ?? 60);
  const service = await startBenchService();
  try {
    const timings: SoapTiming[] = [];
    const api = await PartnerApi.createPartner(service.url, 'Bench');
    const companies = [];
    for (let i = 0; i < connectors; i++) companies.push(await benchCompany(service.url, { seed: 100 + i, customers: 8, invoices: 20, years: 1 }, timings, api));
    // First syncs, a few at a time (setup, not measured).
    for (let i = 0; i < companies.length; i += 20) await Promise.all(companies.slice(i, i + 20).map((c) => c.connector.runSession()));
    const cpuBefore = service.cpuSeconds();
    const clientBefore = ownCpuSeconds();
    const databaseBefore = databaseCpuSeconds();
    // How long this process's own work held the answers back (they are timed here, at the client).
    const clientDelay = monitorEventLoopDelay({ resolution: 5 });
    clientDelay.enable();
    const burst = await round(companies, timings, 0);
    clientDelay.disable();
    const databaseCpu = databaseCpuSeconds() - databaseBefore;
    const cpu = service.cpuSeconds() - cpuBefore;
    const clientCpu = ownCpuSeconds() - clientBefore;
    const byMethod = [...new Set(timings.map((t) => t.method))].map((method) => {
      const own = timings.filter((t) => t.method === method).map((t) => t.ms);
      return `    ${method.padEnd(20)} n=${String(own.length).padStart(5)}  p50 ${percentile(own, 50).toFixed(1)} ms  p99 ${percentile(own, 99).toFixed(1)} ms`;
    });
    const spread = await round(companies, timings, spreadSeconds * 1000);
    const line = (r: typeof burst) =>
      `${r.sessions} sessions, ${r.calls} SOAP calls in ${r.seconds.toFixed(1)} s (${(r.sessions / r.seconds).toFixed(1)} sessions/s); per call p50 ${r.p50.toFixed(1)} ms, p90 ${r.p90.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(0)} ms`;
    console.log(`Many Web Connectors: ${connectors} small incremental sessions against one service process`);
    console.log(`  all at once:           ${line(burst)}`);
    console.log(byMethod.join('\n'));
    console.log(`  spread over ${spreadSeconds} s:     ${line(spread)}`);
    console.log(
      `  service CPU in the burst ${cpu.toFixed(1)} s (${((cpu / burst.seconds) * 100).toFixed(0)}% of one core), ${((cpu / burst.calls) * 1000).toFixed(1)} ms a call; peak RSS ${service.peakRssMb().toFixed(0)} MB`,
    );
    // The 200 simulated Web Connectors and QuickBooks companies share this one process: when it is
    // busy, every call's time (measured here) includes waiting for this process, not the service.
    console.log(
      `  simulators' CPU in the burst ${clientCpu.toFixed(1)} s (${((clientCpu / burst.seconds) * 100).toFixed(0)}% of one core); their event loop's delay p99 ${(clientDelay.percentile(99) / 1e6).toFixed(0)} ms, max ${(clientDelay.max / 1e6).toFixed(0)} ms`,
    );
    console.log(
      `  PostgreSQL's CPU in the burst ${databaseCpu.toFixed(1)} s (${((databaseCpu / burst.seconds) * 100).toFixed(0)}% of one core), ${((databaseCpu / burst.calls) * 1000).toFixed(1)} ms a call`,
    );
    printSummary({
      benchmark: `3. ${connectors} concurrent Web Connectors, small incremental sessions`,
      measured: `all at once: ${(burst.sessions / burst.seconds).toFixed(1)} sessions/s, p50 ${burst.p50.toFixed(0)} ms, p99 ${burst.p99.toFixed(0)} ms a call`,
      target: 'all at once >= 40 sessions/s with p99 <= 1 s; spread p99 <= 50 ms',
      met: burst.sessions / burst.seconds >= 40 && burst.p99 <= 1000 && spread.p99 <= 50,
      comparison: `spread over ${spreadSeconds} s: p50 ${spread.p50.toFixed(0)} ms, p99 ${spread.p99.toFixed(0)} ms; ${((cpu / burst.calls) * 1000).toFixed(1)} ms service CPU a call`,
    });
  } finally {
    await service.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
