import { PartnerApi } from '../test/support/partner-api';
import { SoapTiming, benchCompany } from './support/bench-company';
import { percentile, printSummary, startBenchService } from './support/bench-service';

/**
 * Many Web Connectors at once against one service process: each company is small and already
 * synced (not timed); then every connector runs one incremental session at the same moment,
 * with a few changes waiting. Every SOAP call is timed at the client.
 */
async function main(): Promise<void> {
  const connectors = Number(process.argv[2] ?? 200);
  const service = await startBenchService();
  try {
    const timings: SoapTiming[] = [];
    const api = await PartnerApi.createPartner(service.url, 'Bench');
    const companies = [];
    for (let i = 0; i < connectors; i++) companies.push(await benchCompany(service.url, { seed: 100 + i, customers: 8, invoices: 20, years: 1 }, timings, api));
    // First syncs, a few at a time (setup, not measured).
    for (let i = 0; i < companies.length; i += 20) await Promise.all(companies.slice(i, i + 20).map((c) => c.connector.runSession()));
    for (const { company } of companies) {
      company.clock.advance(600);
      const [a, b] = [...company.invoices.values()];
      company.editInvoice(a.txnId, { memo: 'changed' });
      company.editInvoice(b.txnId, { dueDate: '2027-03-01' });
      company.addCustomer({ name: 'Walk-in customer' });
      company.clock.advance(60);
    }
    timings.length = 0;
    const cpuBefore = service.cpuSeconds();
    const started = performance.now();
    const outcomes = await Promise.all(companies.map((c) => c.connector.runSession()));
    const seconds = (performance.now() - started) / 1000;
    const cpu = service.cpuSeconds() - cpuBefore;
    const failed = outcomes.filter((o) => !o.closeMessage?.startsWith('Complete'));
    if (failed.length) throw new Error(`${failed.length} sessions did not complete, e.g. ${failed[0].closeMessage ?? failed[0].ended}`);
    const ms = timings.map((t) => t.ms);
    const p50 = percentile(ms, 50);
    const p99 = percentile(ms, 99);
    console.log(`Many Web Connectors: ${connectors} concurrent incremental sessions against one service process`);
    console.log(`  ${outcomes.length} sessions, ${timings.length} SOAP calls in ${seconds.toFixed(1)} s: ${(outcomes.length / seconds).toFixed(1)} sessions/s, ${(timings.length / seconds).toFixed(0)} calls/s`);
    console.log(`  per SOAP call: p50 ${p50.toFixed(1)} ms, p90 ${percentile(ms, 90).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`);
    for (const method of [...new Set(timings.map((t) => t.method))]) {
      const own = timings.filter((t) => t.method === method).map((t) => t.ms);
      console.log(`    ${method.padEnd(20)} n=${String(own.length).padStart(5)}  p50 ${percentile(own, 50).toFixed(1)} ms  p99 ${percentile(own, 99).toFixed(1)} ms`);
    }
    console.log(`  service CPU ${cpu.toFixed(1)} s (${((cpu / seconds) * 100).toFixed(0)}% of one core); peak RSS ${service.peakRssMb().toFixed(0)} MB`);
    printSummary({
      benchmark: `3. ${connectors} concurrent Web Connectors, small incremental sessions`,
      measured: `${(outcomes.length / seconds).toFixed(1)} sessions/s; p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms a call`,
      target: 'p99 < 50 ms',
      met: p99 < 50,
      comparison: `one session alone: see benchmark 2; service used ${((cpu / seconds) * 100).toFixed(0)}% of one core`,
    });
  } finally {
    await service.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
