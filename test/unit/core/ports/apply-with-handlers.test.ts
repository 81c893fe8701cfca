import { expect } from 'chai';
import type { Change } from '../../../../core/changes/change';
import type { AllowedChange, ApplyChangesInput } from '../../../../core/ports/adapter-port';
import { applyWithHandlers } from '../../../../core/ports/apply-with-handlers';
import type { Instant } from '../../../../core/values/instant';
import type { EntityManager } from '@mikro-orm/postgresql';
import { withoutSavepoints } from '../../../../core/store/savepoints';

/** A transaction that only knows savepoints: each runs the work and records whether it threw. */
function savepointRecorder() {
  const savepoints: ('ok' | 'rolled back')[] = [];
  const tx = {
    async transactional<T>(work: (tx: unknown) => Promise<T>): Promise<T> {
      try {
        const result = await work(tx);
        savepoints.push('ok');
        return result;
      } catch (error) {
        savepoints.push('rolled back');
        throw error;
      }
    },
  };
  return { tx, savepoints };
}

const change = (item: string, operation: string, sourceId: string): AllowedChange => ({
  change: { item, operation, source: 'qbd', sourceId, observedAt: '2026-11-25T10:00:00Z' as Instant, payload: {} } as Change,
  allowedGroups: ['*'],
});

describe('applyWithHandlers', () => {
  const calls: string[] = [];
  const apply = applyWithHandlers(
    {
      'invoice:upsert': async (_input, a) => {
        calls.push(`one ${a.change.sourceId}`);
        if (a.change.sourceId === 'bad') throw new Error('cannot store this one');
        return { outcome: 'applied', targetId: `t-${a.change.sourceId}` };
      },
      'invoice:delete': async () => ({ outcome: 'skipped' }),
    },
    'The test target',
    {
      'invoice:upsert': async (_input, run) => {
        calls.push(`batch ${run.map((a) => a.change.sourceId).join(',')}`);
        if (run.some((a) => a.change.sourceId === 'bad')) throw new Error('one bad record spoils the statement');
        return run.map((a) => ({ outcome: 'applied', targetId: `t-${a.change.sourceId}` }));
      },
    },
  );
  const input = (changes: AllowedChange[], tx: unknown): ApplyChangesInput => ({
    connectionId: 'c',
    changes,
    transaction: tx as ApplyChangesInput['transaction'],
    now: new Date(),
  });

  beforeEach(() => (calls.length = 0));

  it('takes a run of the same item and operation as one batch, in one savepoint', async () => {
    const { tx, savepoints } = savepointRecorder();
    const { results } = await apply(input([change('invoice', 'upsert', 'a'), change('invoice', 'upsert', 'b'), change('invoice', 'delete', 'c')], tx));
    expect(calls).to.deep.equal(['batch a,b']);
    expect(results.map((r) => [r.index, r.outcome, r.targetId])).to.deep.equal([
      [0, 'applied', 't-a'],
      [1, 'applied', 't-b'],
      [2, 'skipped', undefined],
    ]);
    expect(savepoints).to.deep.equal(['ok', 'ok']);
  });

  it('with a bad record in the batch, rolls the batch back and fails only that record', async () => {
    const { tx, savepoints } = savepointRecorder();
    const { results } = await apply(input([change('invoice', 'upsert', 'a'), change('invoice', 'upsert', 'bad'), change('invoice', 'upsert', 'c')], tx));
    expect(calls).to.deep.equal(['batch a,bad,c', 'one a', 'one bad', 'one c']);
    expect(results.map((r) => r.outcome)).to.deep.equal(['applied', 'failed', 'applied']);
    expect(results[1].error?.message).to.match(/went wrong|cannot store/i);
    expect(savepoints).to.deep.equal(['rolled back', 'ok', 'rolled back', 'ok']);
  });

  it('fails a change no handler takes, and goes on', async () => {
    const { tx } = savepointRecorder();
    const { results } = await apply(input([change('customer', 'merge', 'x'), change('invoice', 'delete', 'y')], tx));
    expect(results.map((r) => r.outcome)).to.deep.equal(['failed', 'skipped']);
    expect(results[0].error?.message).to.equal('The test target cannot take customer merge yet.');
  });

  describe('on a quick first try, without savepoints', () => {
    it('takes the same batch with no savepoint at all', async () => {
      const { tx, savepoints } = savepointRecorder();
      withoutSavepoints(tx as unknown as EntityManager);
      const { results } = await apply(input([change('invoice', 'upsert', 'a'), change('invoice', 'upsert', 'b'), change('invoice', 'delete', 'c')], tx));
      expect(results.map((r) => r.outcome)).to.deep.equal(['applied', 'applied', 'skipped']);
      expect(savepoints).to.deep.equal([]);
    });

    it('throws the first failure instead of isolating it, for the caller to try again the careful way', async () => {
      const { tx, savepoints } = savepointRecorder();
      withoutSavepoints(tx as unknown as EntityManager);
      let thrown: unknown;
      await apply(input([change('invoice', 'upsert', 'a'), change('invoice', 'upsert', 'bad')], tx)).catch((error) => (thrown = error));
      expect(String(thrown)).to.match(/one bad record spoils the statement/);
      expect(calls).to.deep.equal(['batch a,bad']);
      expect(savepoints).to.deep.equal([]);
    });
  });
});
