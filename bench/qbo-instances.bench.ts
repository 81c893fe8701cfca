import type { QboInstances } from '../test/support/qbo-instances';
import { startQboInstances } from '../test/support/qbo-instances';
import { SyncSpan, syncSpans } from '../test/support/qbo-sync-spans';
import { BENCH_DATABASE_SERVER, percentile, printSummary } from './support/bench-service';
import { jobLatencies } from './support/job-latencies';

const INTERVAL_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const quantiles = (ms: readonly number[]) =>
  ms.length ? `p50 ${seconds(percentile(ms, 50))}, p99 ${seconds(percentile(ms, 99))}, max ${seconds(Math.max(...ms))} (n=${ms.length})` : 'none';

/** A bookkeeper at work in a third of the companies: a customer added, an invoice noted, a small payment. */
function bookkeeping(pair: QboInstances, realms: readonly string[], round: number): void {
  realms.forEach((realmId, i) => {
    if (i % 3 !== round % 3) return;
    const books = pair.sim.books(realmId);
    books.addCustomer({ displayName: `Walk-in ${round}-${i}` });
    const invoices = books.all('Invoice');
    const invoice = invoices[round % invoices.length];
    books.editInvoice(String(invoice.Id), { privateNote: `checked in round ${round}` });
    const active = new Set(
      books
        .all('Customer')
        .filter((c) => c.Active !== false)
        .map((c) => String(c.Id)),
    );
    const open = invoices.find((inv) => Number(inv.Balance ?? 0) >= 1 && active.has(String((inv.CustomerRef as { value?: string } | undefined)?.value)));
    if (open) books.payInvoice(String(open.Id), '1.00');
  });
}

/** Due time -> start of each interval sync after the first (the interval runs from the end of the sync before, when last_sync_at is set). */
function dueLatencies(spans: readonly SyncSpan[], from: number, to: number): number[] {
  const byRealm = new Map<string, SyncSpan[]>();
  for (const s of spans) if (s.finished || s.calls > 0) byRealm.set(s.realmId, [...(byRealm.get(s.realmId) ?? []), s]);
  const out: number[] = [];
  for (const list of byRealm.values()) {
    for (let i = 1; i < list.length; i++) {
      if (!list[i - 1].finished || list[i].startMs < from || list[i].startMs >= to) continue;
      out.push(list[i].startMs - (list[i - 1].endMs + INTERVAL_MS));
    }
  }
  return out;
}

/** Waits (up to three minutes: the syncs come in bursts after the tick) until instance B is inside a sync: between its accounts read and its closing CDC read. */
async function untilMidSync(pair: QboInstances, name: string): Promise<boolean> {
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    const recent = pair.calls.slice(-400);
    if (syncSpans(recent).spans.some((s) => s.instance === name && !s.finished && Date.now() - s.endMs < 200)) return true;
    await sleep(5);
  }
  return false;
}

/**
 * Issue #14's figures: two service processes on one PostgreSQL database, N QuickBooks Online
 * companies connected through the consent page, every connection's interval at the product's
 * smallest (1 minute; the engine's tick is a once-a-minute cron), bookkeepers changing the books
 * meanwhile; after `minutesBoth` minutes instance B is SIGKILLed inside a sync and A carries on
 * alone for `minutesAfter`. Syncs are cut from each instance's API calls (a logging proxy per
 * instance); the job engine's own rows give the queue latency.
 */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 50);
  const minutesBoth = Number(process.argv[3] ?? 4);
  const minutesAfter = Number(process.argv[4] ?? 4);
  const pair = await startQboInstances({ serverUrl: BENCH_DATABASE_SERVER, count: 2 });
  const [a, b] = pair.instances;
  try {
    const setupStart = Date.now();
    const partners = [];
    for (let i = 0; i < count; i++) {
      const partner = await pair.connect({ seed: 500 + i, customers: 10, invoices: 30, monthsOfHistory: 12 }, `Bench Books ${i + 1}`);
      const saved = await partner.api.call('PATCH', `/api/connections/qbo/${partner.connectionId}/settings`, { syncIntervalMinutes: 1 });
      if (saved.status !== 200) throw new Error(`setting the interval answered ${saved.status}`);
      partners.push(partner);
    }
    const realms = partners.map((p) => p.realmId);
    while (!realms.every((r) => syncSpans(pair.calls).spans.some((s) => s.realmId === r && s.finished))) await sleep(200);
    console.log(`${count} companies connected and synced once in ${seconds(Date.now() - setupStart)}`);

    let round = 0;
    const books = setInterval(() => {
      try {
        bookkeeping(pair, realms, round++);
      } catch (error) {
        console.error('a bookkeeper change failed', error);
      }
    }, 20_000);
    const t0 = Date.now();
    await sleep(minutesBoth * INTERVAL_MS);
    const midSync = await untilMidSync(pair, b.name);
    const inFlightAtKill = syncSpans(pair.calls).spans.filter((s) => s.instance === b.name && !s.finished && Date.now() - s.endMs < 500);
    await pair.kill(b);
    const killedAt = b.killedAtMs!;
    console.log(`B killed ${midSync ? 'inside' : 'NOT inside'} a sync, ${seconds(killedAt - t0)} into the run; ${inFlightAtKill.length} of its syncs cut`);
    await sleep(minutesAfter * INTERVAL_MS);
    clearInterval(books);
    const t1 = Date.now();

    const { spans, overlaps } = syncSpans(pair.calls, [{ instance: b.name, atMs: killedAt }]);
    const finished = (from: number, to: number, instance?: string) =>
      spans.filter((s) => s.finished && s.startMs >= from && s.startMs < to && (!instance || s.instance === instance));
    const perMinute = (from: number, to: number) => (finished(from, to).length / ((to - from) / INTERVAL_MS)).toFixed(1);
    const before = finished(t0, killedAt);
    const shareA = before.filter((s) => s.instance === a.name).length;
    const cycle = (from: number, to: number) => {
      const starts = new Map<string, number[]>();
      for (const s of finished(from, to)) starts.set(s.realmId, [...(starts.get(s.realmId) ?? []), s.startMs]);
      return [...starts.values()].flatMap((list) => list.slice(1).map((t, i) => t - list[i]));
    };
    const takeovers = inFlightAtKill.map((cut) => {
      const next = spans.find((s) => s.realmId === cut.realmId && s.instance === a.name && s.startMs > killedAt);
      return next ? next.startMs - killedAt : Infinity;
    });
    const lastOnB = realms.filter((r) => {
      const last = spans.filter((s) => s.realmId === r && s.startMs < killedAt).pop();
      return last?.instance === b.name;
    });
    const bTakeovers = lastOnB.map((r) => (spans.find((s) => s.realmId === r && s.startMs > killedAt)?.startMs ?? Infinity) - killedAt);
    const notSyncedAfter = realms.filter((r) => !finished(killedAt, t1).some((s) => s.realmId === r));
    const jobs = await jobLatencies(pair, t0, t1);

    const lines = [
      `connections: ${count}, interval 1 min, job settings: the product's defaults (SYNC_* unset)`,
      `both instances, ${seconds(killedAt - t0)}: ${perMinute(t0, killedAt)} syncs/min (${before.length} syncs); share A ${shareA}, B ${before.length - shareA}`,
      `A alone after the kill, ${seconds(t1 - killedAt)}: ${perMinute(killedAt, t1)} syncs/min (${finished(killedAt, t1).length} syncs)`,
      `start-to-start of one connection's syncs, both: ${quantiles(cycle(t0, killedAt))}; A alone: ${quantiles(cycle(killedAt + 2 * INTERVAL_MS, t1))}`,
      `one sync (accounts read -> closing CDC answer): ${quantiles(finished(t0, t1).map((s) => s.endMs - s.startMs))}`,
      `due (last sync's end + 1 min) -> sync start, both: ${quantiles(dueLatencies(spans, t0, killedAt))}; A alone: ${quantiles(dueLatencies(spans, killedAt, t1))}`,
      `job queue (ready -> started, pg-boss rows): ${jobs.queue}`,
      `tick (minute boundary -> tick job started): ${jobs.tick}`,
      `overlaps (two syncs of one company at once): ${overlaps.length}`,
      `syncs cut by the kill: ${inFlightAtKill.length}; kill -> the survivor's sync of those companies: ${takeovers.map((ms) => seconds(ms)).join(', ') || 'none'}`,
      `companies whose last sync before the kill ran on B: ${lastOnB.length}; kill -> their next sync on A: ${quantiles(bTakeovers.filter(Number.isFinite))}${bTakeovers.some((ms) => !Number.isFinite(ms)) ? ' (some never)' : ''}`,
      `companies with no finished sync after the kill: ${notSyncedAfter.length}`,
    ];
    for (const line of lines) console.log(line);
    printSummary({
      benchmark: `QBO: two instances, ${count} connections, 1-min interval, one SIGKILLed`,
      measured: `${perMinute(t0, killedAt)} syncs/min both, ${perMinute(killedAt, t1)} alone; due->start p50 ${seconds(percentile(dueLatencies(spans, t0, killedAt), 50))}; overlaps ${overlaps.length}`,
      target: 'every connection synced each interval, no overlap, takeover',
      met: overlaps.length === 0 && notSyncedAfter.length === 0,
      comparison: '',
    });
  } finally {
    await pair.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
