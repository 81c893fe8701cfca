import { expect } from 'chai';
import { PartnerApi } from '../support/partner-api';
import { ConnectedPartner, QboInstance, QboInstances, startQboInstances } from '../support/qbo-instances';
import { syncSpans } from '../support/qbo-sync-spans';

const SERVER = process.env.DATABASE_URL;
const TITLE = 'Two service instances on one PostgreSQL syncing QuickBooks Online';

/**
 * Issue #14: every connection synced, never two syncs of one connection at once, a killed
 * instance's work finished by the other. Two service processes share one database of the real
 * server (two processes cannot share the embedded one, so without DATABASE_URL this is skipped).
 * The load is "Sync now" (the interval tick runs once a minute, too slow for a test); the job
 * settings are the operator's variables, short so that a dead instance's lease lapses in seconds.
 * Which instance runs which job is pg-boss's choice: steps wait for conditions, never for time.
 */
(SERVER ? describe : describe.skip)(SERVER ? TITLE : `${TITLE} (skipped: needs DATABASE_URL, a PostgreSQL server both processes share)`, function () {
  this.timeout(180_000);
  let pair: QboInstances;
  let a: QboInstance;
  let b: QboInstance;
  const partners: ConnectedPartner[] = [];

  before(async () => {
    pair = await startQboInstances({
      serverUrl: SERVER!,
      count: 2,
      env: { SYNC_POLL_SECONDS: '1', SYNC_LEASE_SECONDS: '3', SYNC_JOB_EXPIRE_SECONDS: '10', SYNC_JOB_MAINTENANCE_SECONDS: '1', SYNC_CONCURRENCY: '2' },
    });
    [a, b] = pair.instances;
    for (let i = 0; i < 6; i++) partners.push(await pair.connect({ seed: 60 + i, customers: 3, invoices: 6, monthsOfHistory: 2 }, `Two Instances ${i + 1}`));
  });
  after(async () => {
    await pair?.stop();
  });

  const spans = () => syncSpans(pair.calls, b?.killedAtMs ? [{ instance: b.name, atMs: b.killedAtMs }] : []);
  const finishedSince = (realmId: string, sinceMs: number, instance?: string) =>
    spans().spans.some((s) => s.realmId === realmId && s.finished && s.startMs >= sinceMs && (!instance || s.instance === instance));
  const pause = () => new Promise((resolve) => setTimeout(resolve, 100));
  /** "Sync now" of every partner, asked of the given instances at the same moment. */
  const syncNow = (via: readonly QboInstance[], of = partners) =>
    Promise.all(of.flatMap((p) => via.map((i) => new PartnerApi(i.url, p.api.apiKey).call('POST', `/api/connections/qbo/${p.connectionId}/sync`))));

  it('runs the first sync of every connected company', async () => {
    while (!partners.every((p) => finishedSince(p.realmId, 0))) await pause();
  });

  it('runs "Sync now" asked of both instances at once, and both instances take syncs', async () => {
    for (;;) {
      const asked = Date.now();
      const answers = await syncNow([a, b]);
      expect(answers.map((r) => r.status)).to.satisfy((s: number[]) => s.every((status) => status === 202));
      while (!partners.every((p) => finishedSince(p.realmId, asked))) await pause();
      const ran = new Set(
        spans()
          .spans.filter((s) => s.finished)
          .map((s) => s.instance),
      );
      if (ran.has(a.name) && ran.has(b.name)) break;
    }
  });

  it('after instance B is SIGKILLed in the middle of a sync, A finishes every sync asked of it, the cut one too', async () => {
    // B's next CDC read (the end of a sync) waits at its proxy: B holds that company's lease.
    const held = b.proxy.hold((call) => call.path.endsWith('/cdc'));
    let cut: string | undefined;
    void held.arrived.then((call) => (cut = call.realmId));
    while (!cut) {
      await syncNow([b]);
      for (let i = 0; i < 10 && !cut; i++) await pause();
    }
    // A is asked too while B's sync runs: the lease keeps A away from that company.
    await syncNow(
      [a],
      partners.filter((p) => p.realmId === cut),
    );
    await pair.kill(b);
    const killedAt = b.killedAtMs!;
    const asked = await syncNow([a]);
    expect(asked.map((r) => r.status)).to.satisfy((s: number[]) => s.every((status) => status === 202));
    while (!partners.every((p) => finishedSince(p.realmId, killedAt, a.name))) await pause();
    const unfinished = spans().spans.filter((s) => !s.finished);
    expect(unfinished.map((s) => [s.instance, s.realmId])).to.deep.include([b.name, cut]);
  });

  it('never ran two syncs of one company at once, on one instance or on two', () => {
    const { spans: all, overlaps } = spans();
    // At least a first sync, a "Sync now" and a sync after the kill of every company: 3 each. More
    // when B needed several "Sync now" before one of its syncs was held (it often does, not always).
    expect(all.filter((s) => s.finished).length).to.be.at.least(partners.length * 3);
    expect(overlaps.map((o) => `${o.realmId}: ${o.first.instance} and ${o.second.instance}`)).to.deep.equal([]);
  });
});
