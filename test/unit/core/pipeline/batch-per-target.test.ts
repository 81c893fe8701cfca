import { expect } from 'chai';
import { TestScheduler } from 'rxjs/testing';
import { Change } from '../../../../core/changes/change';
import { batchPerTarget } from '../../../../core/pipeline/batch-per-target';
import { RoutedOutcome } from '../../../../core/pipeline/flow-decision';
import { Instant } from '../../../../core/values/instant';

const change = (sourceId: string, item: string): Change => ({
  item,
  operation: 'upsert',
  source: 'alpha',
  sourceId,
  observedAt: '2026-11-25T10:00:00-05:00' as Instant,
  payload: {},
});
/** beta takes customers and invoices, gamma invoices only, nobody payments. */
const targetsOf = (c: Change): string[] => (c.item === 'customer' ? ['beta'] : c.item === 'invoice' ? ['beta', 'gamma'] : []);
const scheduler = () => new TestScheduler((actual, expected) => void expect(actual).to.deep.equal(expected));

describe('batchPerTarget', () => {
  it('emits a batch for a target as soon as it is full, and the partial ones when the source ends', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const [a, b, c] = [change('a', 'customer'), change('b', 'customer'), change('c', 'customer')];
      expectObservable(cold('-a-b-c-|', { a, b, c }).pipe(batchPerTarget(targetsOf, 2))).toBe('---x---(y|)', {
        x: { kind: 'batch', target: 'beta', changes: [a, b] },
        y: { kind: 'batch', target: 'beta', changes: [c] },
      });
    });
  });

  it('puts a change into the batch of every target that takes it, and keeps the targets apart', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const [i, j, k] = [change('i', 'invoice'), change('j', 'customer'), change('k', 'invoice')];
      // beta holds [i, j] at frame 1; gamma holds [i, k] at frame 2; beta's [k] waits for the end.
      expectObservable(cold('ijk|', { i, j, k }).pipe(batchPerTarget(targetsOf, 2))).toBe('-xy(z|)', {
        x: { kind: 'batch', target: 'beta', changes: [i, j] },
        y: { kind: 'batch', target: 'gamma', changes: [i, k] },
        z: { kind: 'batch', target: 'beta', changes: [k] },
      });
    });
  });

  it('passes outcomes decided upstream and changes no target takes at once, without waiting for a batch', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const [a, p] = [change('a', 'customer'), change('p', 'payment')];
      const failed: RoutedOutcome = { change: change('x', 'customer'), outcome: 'failed', message: 'unreadable' };
      expectObservable(cold('a-f-p-|', { a, f: failed, p }).pipe(batchPerTarget(targetsOf, 50))).toBe('--f-p-(b|)', {
        f: { kind: 'settled', outcome: failed },
        p: { kind: 'untaken', change: p },
        b: { kind: 'batch', target: 'beta', changes: [a] },
      });
    });
  });

  it('passes a source error on and drops what it buffered', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const a = change('a', 'customer');
      expectObservable(cold('a-#', { a }, new Error('cut')).pipe(batchPerTarget(targetsOf, 2))).toBe('--#', {}, new Error('cut'));
    });
  });
});
