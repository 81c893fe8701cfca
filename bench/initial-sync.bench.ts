import { connectedCompany, TestClock } from '../test/support/connected-company';
import { startTestService } from '../test/support/test-service';

/**
 * `npm run bench:initial-sync [-- INVOICES]`: a first sync of a generated company (3 years,
 * 5 lines per invoice) through the Web Connector simulator over HTTP into the database
 * (embedded, or DATABASE_URL's). Prints time, requests, invoices per second and peak memory.
 */
async function main(): Promise<void> {
  const invoices = Number(process.argv[2] ?? 10_000);
  const clock = new TestClock(Date.now());
  const test = await startTestService({ LOG_LEVEL: 'warn' }, clock.read);
  try {
    const setupStarted = Date.now();
    const env = await connectedCompany(test, clock, { seed: 5, customers: Math.max(10, Math.round(invoices / 4)), invoices, years: 3, linesPerInvoice: { min: 5, max: 5 } });
    console.log(`company: ${env.company.customers.size} customers, ${env.company.invoices.size} invoices x 5 lines, ${env.company.payments.size} payments (generated in ${Date.now() - setupStarted} ms)`);
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const outcome = await env.connector.runSession();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    const stored = (await test.service.database.orm.em.fork().getConnection().execute(`select count(*)::int as n from alt_invoice where connection_id = ?`, [env.connection.id]))[0].n as number;
    console.log(`session: ${outcome.ended}, ${outcome.percents.length} requests, ${outcome.closeMessage}`);
    console.log(`initial sync: ${seconds.toFixed(1)} s, ${(stored / seconds).toFixed(0)} invoices/s end to end (service, Web Connector and QuickBooks simulators share this process)`);
    console.log(`cpu: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (${(((cpu.user + cpu.system) / 1e6 / stored) * 1000).toFixed(2)} s per 1,000 invoices); peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
    console.log(`stored: ${stored} invoices of ${env.company.invoices.size}; database: ${test.service.database.mode}`);
  } finally {
    await test.stop();
  }
}

void main();
