import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SyncJobEngine } from '../../../../core/jobs/sync-job-engine';
import { createLogger } from '../../../../core/runtime/logger';
import { sendSql } from '../../../../core/store/send-sql';
import { eventually, JobsDatabase, openJobsDatabase, RECENT, SHORT } from './support/jobs-database';
import { RecordingSync } from './support/recording-sync';

describe('A server-driven sync whose instance is killed mid-run', function () {
  this.timeout(90_000);
  let db: JobsDatabase;
  let survivor: SyncJobEngine | undefined;

  before(async () => (db = await openJobsDatabase()));
  after(async () => {
    await survivor?.stop();
    await db.close();
  });

  it('runs again on the other instance once its job expires and its lease lapses', async () => {
    const sync = new RecordingSync('test-killed', db.database);
    const c = await db.connection(sync.system, RECENT);
    const child = spawn(process.execPath, [join(__dirname, 'support', 'sync-engine-process.js')], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: db.database.url,
        SYSTEM: sync.system,
        CONNECTION_ID: c,
        // The same settings the service reads, kept short here.
        SYNC_JOB_EXPIRE_SECONDS: String(SHORT.expireSeconds),
        SYNC_JOB_MAINTENANCE_SECONDS: String(SHORT.maintenanceSeconds),
        SYNC_LEASE_SECONDS: String(SHORT.leaseSeconds),
        SYNC_POLL_SECONDS: String(SHORT.pollSeconds),
        SYNC_CONCURRENCY: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await eventually(() => output.includes(c) || child.exitCode !== null);
    expect(errors).to.equal('');
    child.kill('SIGKILL');
    await exited;
    const [lease] = await sendSql<{ holder: string | null }[]>(db.em(), 'select holder from connection_sync_run where connection_id = ?', [c]);
    expect(lease.holder, 'the killed run still holds the lease').to.be.a('string');

    sync.plan(c, 'ok');
    survivor = new SyncJobEngine({ database: db.database, syncs: [sync], settings: SHORT, logger: createLogger('error'), clock: () => new Date() });
    await survivor.start();
    await eventually(() => sync.callsFor(c).some((call) => call.ended));
    expect(sync.callsFor(c).map((call) => call.reason)).to.deep.equal(['sync-now']);
    expect(sync.unexpected).to.deep.equal([]);
    const [after] = await sendSql<{ holder: string | null }[]>(db.em(), 'select holder from connection_sync_run where connection_id = ?', [c]);
    expect(after.holder).to.equal(null);
  });
});
