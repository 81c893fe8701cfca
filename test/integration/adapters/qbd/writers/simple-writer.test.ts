import { expect } from 'chai';
import { defineWriter } from '../../../../../adapters/qbd/qbwc/writers/simple-writer';
import { AppError } from '../../../../../core/errors/app-error';

/** The shared parts of simple writers (markSent, settleRow, showProblem) are tested through each writer's own tests. */
describe('defineWriter', () => {
  const writer = {
    operation: 'customer-add',
    what: 'customers',
    logAs: 'add',
    request: async () => 'skip' as const,
    isOurs: () => false,
    idOf: () => '',
  };

  it('returns a writer that names its operation, its records and its word in the sync log', () => {
    expect(defineWriter(writer)).to.equal(writer);
  });

  for (const missing of ['operation', 'what', 'logAs'] as const) {
    it(`refuses, at load, a writer without its ${missing}`, () => {
      expect(() => defineWriter({ ...writer, [missing]: '' }))
        .to.throw(AppError, 'is not defined correctly')
        .with.property('kind', 'internal');
    });
  }
});
