import { expect } from 'chai';
import { TestScheduler } from 'rxjs/testing';
import { Change } from '../../../../core/changes/change';
import { AppError } from '../../../../core/errors/app-error';
import { RoutedOutcome } from '../../../../core/pipeline/flow-decision';
import { toChanges } from '../../../../core/pipeline/to-changes';
import { Instant } from '../../../../core/values/instant';

interface Row {
  readonly id: string;
  readonly lines: number;
}
const change = (sourceId: string, operation: Change['operation'] = 'upsert'): Change => ({
  item: 'invoice',
  operation,
  source: 'alpha',
  sourceId,
  observedAt: '2026-11-25T10:00:00-05:00' as Instant,
  payload: {},
});
/** A row with lines is upserted; one without is upserted and archived; a negative count cannot be mapped. */
const mapping = (row: Row): Change[] => {
  if (row.lines < 0) throw new AppError('invalid', `Row ${row.id} has a negative line count.`);
  return row.lines > 0 ? [change(row.id)] : [change(row.id), change(row.id, 'archive')];
};
const unmappable = (row: Row, error: AppError): RoutedOutcome => ({ change: change(row.id), outcome: 'failed', message: error.userMessage });
const scheduler = () => new TestScheduler((actual, expected) => void expect(actual).to.deep.equal(expected));

describe('toChanges', () => {
  it('emits the changes each record makes, in order, as the records come', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const rows = { a: { id: 'a', lines: 2 }, b: { id: 'b', lines: 0 } };
      // A group takes as many frames as it has characters: b's two changes at 4, the end at 10.
      expectObservable(cold('-a--b-----|', rows).pipe(toChanges(mapping, unmappable))).toBe('-a--(bc)--|', {
        a: change('a'),
        b: change('b'),
        c: change('b', 'archive'),
      });
    });
  });

  it('turns a record that cannot be mapped into a failed outcome, and goes on with the next', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const rows = { a: { id: 'a', lines: -1 }, b: { id: 'b', lines: 1 } };
      expectObservable(cold('a-b|', rows).pipe(toChanges(mapping, unmappable))).toBe('a-b|', {
        a: { change: change('a'), outcome: 'failed', message: 'Row a has a negative line count.' },
        b: change('b'),
      });
    });
  });

  it('reports an error that is not an AppError in words the partner may see', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const broken = (): Change[] => {
        throw new TypeError('Cannot read properties of undefined');
      };
      expectObservable(cold('a|', { a: { id: 'a', lines: 1 } }).pipe(toChanges(broken, unmappable))).toBe('a|', {
        a: { change: change('a'), outcome: 'failed', message: 'Something went wrong on our side.' },
      });
    });
  });
});
