import { WebhookReceiver } from '../test/support/webhook-receiver';
import { PartnerApi } from '../test/support/partner-api';
import { benchCompany } from './support/bench-company';
import { BENCH_DATABASE_SERVER, percentile, printSummary, startBenchService } from './support/bench-service';

/** Wall-clock arrival of each verified webhook, by id (the first arrival counts). */
function arrivalTimes(receiver: WebhookReceiver): Map<string, number> {
  const times = new Map<string, number>();
  const push = receiver.received.push.bind(receiver.received);
  receiver.received.push = (...items) => {
    for (const item of items) if (!times.has(item.id)) times.set(item.id, Date.now());
    return push(...items);
  };
  return times;
}

/**
 * Webhook delivery throughput and latency: `companies` first syncs at once (one connection each,
 * so as many delivery streams), whose customer, invoice and sync events (about `events` in all)
 * go to one receiver on 127.0.0.1 that verifies each with the standardwebhooks package. Latency
 * is the receiver's arrival time minus the event's own time (its body's `timestamp`, taken when
 * the change was committed): what a platform waits to hear of a change.
 */
async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 10_000);
  const companies = Number(process.argv[3] ?? 4);
  console.log(`Webhook delivery (service process + PostgreSQL at ${new URL(BENCH_DATABASE_SERVER).host}; receiver and simulators in this process)`);
  const service = await startBenchService({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1' });
  const receiver = await WebhookReceiver.start();
  const arrived = arrivalTimes(receiver);
  try {
    const api = await PartnerApi.createPartner(service.url, 'Bench hooks');
    const created = await api.call('POST', '/api/webhooks', { url: receiver.url });
    if (created.status !== 201) throw new Error(`webhook not registered: ${JSON.stringify(created.body)}`);
    receiver.secret = created.body.secret as string;
    // A company of n invoices and n/4 customers makes about 1.25 n record events, plus a few per sync.
    const invoices = Math.round(events / companies / 1.25);
    const syncs = await Promise.all(
      Array.from({ length: companies }, (_, i) =>
        benchCompany(service.url, { seed: 40 + i, customers: Math.round(invoices / 4), invoices, years: 1 }, undefined, api),
      ),
    );
    const started = Date.now();
    await Promise.all(syncs.map((s) => s.connector.runSession()));
    const syncSeconds = (Date.now() - started) / 1000;
    const arrivedBySyncEnd = arrived.size;
    const expected = await eventCount(api, created.body.id as string);
    while (arrived.size < expected) await new Promise((r) => setTimeout(r, 100));
    const last = Math.max(...arrived.values());
    const latencies = receiver.received
      .filter((r, i, all) => all.findIndex((o) => o.id === r.id) === i)
      .map((r) => arrived.get(r.id)! - Date.parse(r.timestamp));
    const firstEvent = Math.min(...receiver.received.map((r) => Date.parse(r.timestamp)));
    const perSecond = expected / ((last - firstEvent) / 1000);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    console.log(
      `  ${expected} events from ${companies} first syncs (${syncSeconds.toFixed(1)} s), ${receiver.rejected.length} refused signatures, ${receiver.received.length - arrived.size} repeats`,
    );
    const drainSeconds = (last - started) / 1000 - syncSeconds;
    const drainRate = (expected - arrivedBySyncEnd) / drainSeconds;
    console.log(`  delivered ${perSecond.toFixed(0)} events/s (first event to last arrival); ${arrivedBySyncEnd} had arrived when the syncs ended`);
    console.log(`  the other ${expected - arrivedBySyncEnd} drained in ${drainSeconds.toFixed(1)} s: ${drainRate.toFixed(0)} events/s with no sync running`);
    console.log(`  latency event -> receiver: p50 ${p50} ms, p99 ${p99} ms, max ${Math.max(...latencies)} ms`);
    const steady = await steadyLatency(api, created.body.id as string, receiver, arrived, 300);
    console.log(`  steady state, ${steady.count} test events 20 ms apart and nothing else running: latency p50 ${steady.p50} ms, p99 ${steady.p99} ms`);
    printSummary({
      benchmark: `webhooks: ${expected} events to a local receiver`,
      measured: `${perSecond.toFixed(0)} events/s during the syncs (latency p50 ${p50} ms / p99 ${p99} ms); steady latency p50 ${steady.p50} ms / p99 ${steady.p99} ms`,
      target: 'every event once, in order (no figure set)',
      met: receiver.rejected.length === 0,
      comparison: `${companies} first syncs took ${syncSeconds.toFixed(1)} s; the backlog left then drained at ${drainRate.toFixed(0)} events/s`,
    });
  } finally {
    await receiver.stop();
    await service.stop();
  }
}

/** Latency when events come one by one: `count` test events sent 20 ms apart, each timed from its event time to its arrival. */
async function steadyLatency(api: PartnerApi, webhookId: string, receiver: WebhookReceiver, arrived: Map<string, number>, count: number) {
  const before = receiver.received.length;
  for (let i = 0; i < count; i++) {
    await api.call('POST', `/api/webhooks/${webhookId}/test`);
    await new Promise((r) => setTimeout(r, 20));
  }
  while (receiver.received.length < before + count) await new Promise((r) => setTimeout(r, 50));
  const latencies = receiver.received.slice(before).map((r) => arrived.get(r.id)! - Date.parse(r.timestamp));
  return { count, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** How many deliveries the webhook has in all, once every sync has ended (through the API's pages). */
async function eventCount(api: PartnerApi, webhookId: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: { body: { items: unknown[]; nextCursor: string | null } } = await api.call(
      'GET',
      `/api/webhooks/${webhookId}/deliveries?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    count += page.body.items.length;
    cursor = page.body.nextCursor;
  } while (cursor);
  return count;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
