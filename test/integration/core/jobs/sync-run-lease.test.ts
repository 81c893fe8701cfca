import { expect } from 'chai';
import { lookAtLease, releaseLease, takeLease } from '../../../../core/jobs/sync-run-lease';
import { JobsDatabase, openJobsDatabase } from './support/jobs-database';

describe("A connection's run lease", function () {
  this.timeout(60_000);
  let db: JobsDatabase;

  before(async () => (db = await openJobsDatabase()));
  after(async () => db.close());

  it('is held by one run at a time; a job the engine runs again after its run ended is told done; the next job takes it', async () => {
    const c = await db.connection('lease-test');
    expect(await takeLease(db.em(), c, 'instance/job-1', 'job-1', 60)).to.equal('taken');
    const held = await takeLease(db.em(), c, 'instance/job-2', 'job-2', 60);
    expect(held).to.have.property('jobId', 'job-1');
    expect(held).to.have.property('secondsLeft').within(55, 60);
    await releaseLease(db.em(), c, 'instance/job-1', null);
    expect(await takeLease(db.em(), c, 'instance/job-1', 'job-1', 60)).to.equal('done');
    expect(await takeLease(db.em(), c, 'instance/job-2', 'job-2', 60)).to.equal('taken');
  });

  it("released by another job's run between a try and the look: not done, and no time to wait (it was a request made during that run)", async () => {
    const c = await db.connection('lease-test');
    expect(await takeLease(db.em(), c, 'instance/job-1', 'job-1', 60)).to.equal('taken');
    // job-2 tried while job-1 held it; job-1 ends; job-2 looks.
    await releaseLease(db.em(), c, 'instance/job-1', null);
    expect(await lookAtLease(db.em(), c, 'job-2')).to.deep.equal({ jobId: 'job-1', secondsLeft: 0 });
    expect(await lookAtLease(db.em(), c, 'job-1')).to.equal('done');
  });
});
