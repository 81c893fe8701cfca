import { expect } from 'chai';
import { AppError } from '../../../../core/errors/app-error';
import { retryDelaySeconds } from '../../../../core/jobs/retry-delay';
import { DEFAULT_SYNC_JOB_SETTINGS } from '../../../../core/jobs/sync-job-settings';

describe('retryDelaySeconds', () => {
  const settings = { ...DEFAULT_SYNC_JOB_SETTINGS, retryBaseSeconds: 30, retryMaxSeconds: 1800 };
  const transient = (detail?: string) => new AppError('transient', 'Busy.', detail ? { detail } : {});
  const noJitter = () => 0;

  it('waits what the error says when its detail names retryAfterSeconds', () => {
    expect(retryDelaySeconds(transient('HTTP 429; retryAfterSeconds=60'), 1, settings, noJitter)).to.equal(60);
    expect(retryDelaySeconds(transient('retryAfterSeconds: 7'), 9, settings, noJitter)).to.equal(7);
  });

  it('otherwise doubles from the base with each attempt, up to the cap', () => {
    expect([1, 2, 3, 7, 40].map((n) => retryDelaySeconds(transient(), n, settings, noJitter))).to.deep.equal([30, 60, 120, 1800, 1800]);
  });

  it('takes up to a fifth off for jitter', () => {
    expect(retryDelaySeconds(transient(), 2, settings, () => 0.999)).to.equal(48);
  });
});
