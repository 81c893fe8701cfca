import { expect } from 'chai';
import { AppError } from '../../../../core/errors/app-error';
import { DEFAULT_SYNC_JOB_SETTINGS, readSyncJobSettings } from '../../../../core/jobs/sync-job-settings';

describe('readSyncJobSettings', () => {
  it('gives the defaults when nothing is set', () => {
    expect(readSyncJobSettings({})).to.deep.equal(DEFAULT_SYNC_JOB_SETTINGS);
  });

  it('reads each setting from its variable', () => {
    const settings = readSyncJobSettings({ SYNC_JOB_EXPIRE_SECONDS: '300', SYNC_LEASE_SECONDS: '90', SYNC_CONCURRENCY: '2' });
    expect(settings).to.include({ expireSeconds: 300, leaseSeconds: 90, concurrency: 2, pollSeconds: DEFAULT_SYNC_JOB_SETTINGS.pollSeconds });
  });

  it('lists every wrong value in one error', () => {
    let error: AppError | undefined;
    try {
      readSyncJobSettings({ SYNC_JOB_EXPIRE_SECONDS: '2', SYNC_POLL_SECONDS: 'soon', SYNC_CONCURRENCY: '1.5' });
    } catch (e) {
      error = e as AppError;
    }
    expect(error?.kind).to.equal('invalid');
    expect(error?.problems.map((p) => p.at)).to.deep.equal(['SYNC_JOB_EXPIRE_SECONDS', 'SYNC_POLL_SECONDS', 'SYNC_CONCURRENCY']);
  });
});
