import { expect } from 'chai';
import { AppError } from '../../../../core/errors/app-error';
import { SyncJobEngine } from '../../../../core/jobs/sync-job-engine';
import type { SyncJobSettings } from '../../../../core/jobs/sync-job-settings';
import { createLogger } from '../../../../core/runtime/logger';
import { sendSql } from '../../../../core/store/send-sql';
import { eventually, JobsDatabase, openJobsDatabase, RECENT, SHORT } from './support/jobs-database';
import { gate, RecordingSync } from './support/recording-sync';

describe('Server-driven sync jobs (SyncJobEngine)', function () {
  this.timeout(60_000);
  let db: JobsDatabase;
  const engines: SyncJobEngine[] = [];
  let systems = 0;

  before(async () => (db = await openJobsDatabase()));
  after(async () => db.close());
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
  });

  /** A system of its own per test, so that one test's tick never syncs another's connections. */
  function recordingSync(): RecordingSync {
    return new RecordingSync(`test-${++systems}`, db.database);
  }

  async function engine(sync: RecordingSync, settings: SyncJobSettings = SHORT): Promise<SyncJobEngine> {
    const started = new SyncJobEngine({ database: db.database, syncs: [sync], settings, logger: createLogger('error'), clock: () => new Date() });
    engines.push(started);
    await started.start();
    return started;
  }

  /** Sync jobs of a connection still waiting or running in the engine's tables. */
  async function pendingJobs(connectionId: string): Promise<number> {
    const rows = await sendSql<{ n: number }[]>(
      db.em(),
      `select count(*)::int as n from pgboss.job where name = 'connection-sync' and singleton_key like ? || '%' and state in ('created', 'retry', 'active')`,
      [connectionId],
    );
    return rows[0].n;
  }

  /** A request's job met the run's (long) lease and waits behind it. */
  async function waitsBehindTheRun(connectionId: string): Promise<boolean> {
    const [row] = await sendSql<{ n: number }[]>(
      db.em(),
      `select count(*)::int as n from pgboss.job where name = 'connection-sync' and singleton_key = ? and state = 'created' and start_after > now() + interval '60 seconds'`,
      [connectionId],
    );
    return row.n === 1;
  }

  it('the interval tick queues connected connections of its systems that are due, and no others', async () => {
    const sync = recordingSync();
    const never = await db.connection(sync.system);
    const stale = await db.connection(sync.system, { syncedMinutesAgo: 10, intervalMinutes: 5 });
    // Ended 4.5 minutes ago, a few seconds after the tick that started it: due at this tick, not the next.
    const almost = await db.connection(sync.system, { syncedMinutesAgo: 4.5, intervalMinutes: 5 });
    const fresh = await db.connection(sync.system, { syncedMinutesAgo: 2, intervalMinutes: 5 });
    const paused = await db.connection(sync.system, { status: 'paused' });
    const pending = await db.connection(sync.system, { status: 'pending' });
    const otherSystem = await db.connection('another-system');
    sync.plan(never, 'ok');
    sync.plan(stale, 'ok');
    sync.plan(almost, 'ok');
    const jobs = await engine(sync);
    expect(await jobs.enqueueDue()).to.equal(3);
    await eventually(() => sync.calls.filter((c) => c.ended).length === 3);
    expect(sync.calls.map((c) => [c.connectionId, c.reason])).to.have.deep.members([
      [never, 'interval'],
      [stale, 'interval'],
      [almost, 'interval'],
    ]);
    for (const id of [fresh, paused, pending, otherSystem]) expect(await pendingJobs(id)).to.equal(0);
    expect(sync.unexpected).to.deep.equal([]);
    // Both synced now: not due any more.
    expect(await jobs.enqueueDue()).to.equal(0);
  });

  it('after a non-transient failure records it on the connection and waits for the next interval', async () => {
    const sync = recordingSync();
    const c = await db.connection(sync.system);
    sync.plan(c, new AppError('invalid', 'The company refused the settings.'));
    const jobs = await engine(sync);
    await jobs.request(c, 'sync-now');
    await eventually(
      async () => (await sendSql<unknown[]>(db.em(), 'select 1 from connection where id = ? and last_error_code is not null', [c])).length === 1,
    );
    const [row] = await sendSql<{ last_error_code: string; last_error_message: string; status: string }[]>(
      db.em(),
      'select last_error_code, last_error_message, status from connection where id = ?',
      [c],
    );
    expect(row).to.deep.equal({ last_error_code: 'invalid', last_error_message: 'The company refused the settings.', status: 'connected' });
    await eventually(async () => (await pendingJobs(c)) === 0);
    expect(await jobs.enqueueDue()).to.equal(0);
    expect(sync.callsFor(c)).to.have.length(1);
  });

  it("records the failure's own code when it has one (the card of a connection that needs a reconnect reads it), else its kind", async () => {
    const sync = recordingSync();
    const c = await db.connection(sync.system);
    sync.plan(c, new AppError('needs-user-action', 'Press Reconnect and sign in again.', { code: 'reconnect-needed' }));
    const jobs = await engine(sync);
    await jobs.request(c, 'sync-now');
    await eventually(
      async () => (await sendSql<unknown[]>(db.em(), 'select 1 from connection where id = ? and last_error_code is not null', [c])).length === 1,
    );
    const [row] = await sendSql<{ last_error_code: string; status: string }[]>(db.em(), 'select last_error_code, status from connection where id = ?', [c]);
    expect(row).to.deep.equal({ last_error_code: 'reconnect-needed', status: 'error' });
  });

  it('retries a transient failure, when the error says', async () => {
    const sync = recordingSync();
    const c = await db.connection(sync.system, RECENT);
    sync.plan(c, new AppError('transient', 'Throttled.', { detail: 'HTTP 429; retryAfterSeconds=1' }), 'ok');
    const jobs = await engine(sync);
    await jobs.request(c, 'notification');
    await eventually(() => sync.callsFor(c).filter((call) => call.ended).length === 2);
    expect(sync.callsFor(c).map((call) => call.reason)).to.deep.equal(['notification', 'notification']);
    await eventually(async () => (await pendingJobs(c)) === 0);
    expect(sync.unexpected).to.deep.equal([]);
  });

  it('request() coalesces: while a sync runs, many requests make one more sync', async () => {
    const sync = recordingSync();
    const c = await db.connection(sync.system, RECENT);
    const first = gate();
    sync.plan(c, first, 'ok');
    const jobs = await engine(sync);
    await jobs.request(c, 'sync-now');
    await eventually(() => sync.callsFor(c).length === 1);
    for (let i = 0; i < 5; i++) await jobs.request(c, i % 2 ? 'notification' : 'sync-now');
    expect(await pendingJobs(c)).to.equal(2); // the running one and one waiting
    first.open();
    await eventually(async () => (await pendingJobs(c)) === 0 && sync.callsFor(c).every((call) => call.ended));
    expect(sync.callsFor(c)).to.have.length(2);
    expect(sync.unexpected).to.deep.equal([]);
  });

  it('a sync now asked for during a run starts as soon as the run ends, not when its lease would have lapsed', async () => {
    const sync = recordingSync();
    const c = await db.connection(sync.system, RECENT);
    const first = gate();
    sync.plan(c, first, 'ok');
    // A lease far longer than this test's timeout: waiting for it to lapse would fail the test.
    const jobs = await engine(sync, { ...SHORT, leaseSeconds: 600, expireSeconds: 900 });
    await jobs.request(c, 'sync-now');
    await eventually(() => sync.callsFor(c).length === 1);
    await jobs.request(c, 'sync-now');
    // The request's job has met the run's lease and waits behind it.
    await eventually(() => waitsBehindTheRun(c));
    first.open();
    await eventually(() => sync.callsFor(c).filter((call) => call.ended).length === 2);
    expect(sync.callsFor(c).map((call) => call.reason)).to.deep.equal(['sync-now', 'sync-now']);
    expect(sync.unexpected).to.deep.equal([]);
  });

  it('a request that meets a waiting interval sync during a run is not dropped with it when that sync meets the run', async () => {
    const sync = recordingSync();
    // Never synced, so due at every tick (as in a long first sync).
    const c = await db.connection(sync.system);
    const other = await db.connection(sync.system, RECENT);
    const [cRun, otherRun] = [gate(), gate()];
    sync.plan(c, cRun, 'ok');
    sync.plan(other, otherRun);
    // Two workers, both kept busy, so that the interval sync queued below waits where the request meets it.
    const jobs = await engine(sync, { ...SHORT, concurrency: 2, leaseSeconds: 600, expireSeconds: 900 });
    await jobs.request(c, 'sync-now');
    await eventually(() => sync.callsFor(c).length === 1);
    await jobs.request(other, 'sync-now');
    await eventually(() => sync.callsFor(other).length === 1);
    expect(await jobs.enqueueDue()).to.equal(1);
    await jobs.request(c, 'notification');
    // The freed worker runs the waiting sync: it meets c's run and waits behind it (an interval sync would be dropped).
    otherRun.open();
    await eventually(() => waitsBehindTheRun(c));
    cRun.open();
    await eventually(async () => (await pendingJobs(c)) === 0 && sync.callsFor(c).length === 2 && sync.callsFor(c).every((call) => call.ended));
    expect(sync.callsFor(c).map((call) => call.reason)).to.deep.equal(['sync-now', 'notification']);
    expect(sync.unexpected).to.deep.equal([]);
  });

  it('never runs two syncs of one connection at once across two engines, even when a job outlives its expiry and is run again', async () => {
    const sync = recordingSync();
    const c = await db.connection(sync.system, RECENT);
    const long = gate();
    sync.plan(c, long, 'ok');
    const [a, b] = [await engine(sync), await engine(sync)];
    await a.request(c, 'sync-now');
    await eventually(() => sync.callsFor(c).length === 1);
    // The running job passes its expiry: the engine fails it and runs it again (same id), on either engine.
    await eventually(async () => {
      const rows = await sendSql<unknown[]>(db.em(), `select 1 from pgboss.job where name = 'connection-sync' and singleton_key = ? and retry_count > 0`, [c]);
      return rows.length > 0;
    });
    await a.request(c, 'notification');
    await b.request(c, 'sync-now');
    await b.enqueueDue();
    await a.enqueueDue();
    long.open();
    await eventually(async () => (await pendingJobs(c)) === 0 && sync.callsFor(c).every((call) => call.ended));
    // The long run, then one for the requests made during it (coalesced, so either reason); the
    // expired twin never ran beside it nor after it.
    expect(sync.maxAtOnce).to.equal(1);
    expect(sync.callsFor(c).map((call) => call.reason))
      .to.have.length(2)
      .and.to.have.property('0', 'sync-now');
    expect(sync.unexpected).to.deep.equal([]);
  });

  it('stopping aborts a running sync and queues it again, for the next instance to run', async () => {
    const sync = recordingSync();
    const c = await db.connection(sync.system, RECENT);
    sync.plan(c, 'until-aborted', 'ok');
    const first = await engine(sync);
    await first.request(c, 'sync-now');
    await eventually(() => sync.callsFor(c).length === 1);
    await first.stop();
    expect(sync.callsFor(c)[0].ended).to.equal(true);
    expect(await pendingJobs(c)).to.equal(1);
    await engine(sync);
    await eventually(() => sync.callsFor(c).length === 2 && sync.callsFor(c)[1].ended);
    expect(sync.callsFor(c).map((call) => call.reason)).to.deep.equal(['sync-now', 'sync-now']);
    expect(sync.unexpected).to.deep.equal([]);
  });

  it('asks for a connection of a system it does not sync: refused', async () => {
    const jobs = await engine(recordingSync());
    const c = await db.connection('another-system');
    const error = await jobs.request(c, 'sync-now').then(
      () => undefined,
      (e: AppError) => e,
    );
    expect(error?.kind).to.equal('invalid');
  });
});
