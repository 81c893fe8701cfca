import { expect } from 'chai';
import { Observable, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { Change } from '../../../../core/changes/change';
import { CORE_ITEMS } from '../../../../core/items/core-items';
import { ItemCatalog } from '../../../../core/items/item-catalog';
import { applyInBatches } from '../../../../core/pipeline/apply-in-batches';
import { decideFlow } from '../../../../core/pipeline/decide-flow';
import { FlowDecision, RoutedOutcome } from '../../../../core/pipeline/flow-decision';
import { ChangeOutcome } from '../../../../core/ports/adapter-port';
import { FRAMEWORK_RULES } from '../../../../core/rules/framework-rules';
import { Instant } from '../../../../core/values/instant';

const catalog = new ItemCatalog(CORE_ITEMS);
const ruleSet = {
  layers: [
    FRAMEWORK_RULES,
    {
      name: 'test',
      origin: 'plugin' as const,
      rules: [
        { item: 'customer', operation: '*' as const, flow: 'qbd->alternative' as const },
        { item: 'invoice', operation: 'upsert' as const, flow: 'qbd->alternative' as const },
        { item: 'invoice', operation: 'upsert' as const, fieldGroup: 'amounts', flow: 'none' as const },
      ],
    },
  ],
};
const change = (sourceId: string, item = 'customer', operation: Change['operation'] = 'archive'): Change => ({
  item,
  operation,
  source: 'qbd',
  sourceId,
  observedAt: '2026-11-25T10:00:00-05:00' as Instant,
  payload: {},
});

const scheduler = () => new TestScheduler((actual, expected) => void expect(actual).to.deep.equal(expected));

describe('decideFlow', () => {
  it('decides per field group, and lets the stream go on past a change whose facts cannot be read', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const a = change('a');
      const b = change('b', 'payment', 'upsert');
      const c = change('c');
      const d = change('d', 'invoice', 'upsert');
      const source = cold('-a-b-c-d|', { a, b, c, d });
      const factsOf = (x: Change) => {
        if (x.sourceId === 'c') throw new Error('the ledger is unreachable');
        return [];
      };
      const groups = [...catalog.get('invoice').fieldGroups];
      expectObservable(source.pipe(decideFlow({ ruleSet, catalog, target: 'alternative', factsOf }))).toBe('-a-b-c-d|', {
        a: { change: a, target: 'alternative', allowedGroups: ['*'], deniedGroups: [] },
        b: { change: b, target: 'alternative', allowedGroups: [], deniedGroups: [...catalog.get('payment').fieldGroups] },
        c: { change: c, outcome: 'failed', message: 'Something went wrong on our side.' },
        d: { change: d, target: 'alternative', allowedGroups: groups.filter((g) => g !== 'amounts'), deniedGroups: ['amounts'] },
      });
    });
  });
});

describe('applyInBatches', () => {
  const decision = (id: string, allowed = ['*']): FlowDecision => ({ change: change(id), target: 'alternative', allowedGroups: allowed, deniedGroups: [] });

  it('applies in batches of the given size, in order, and passes denials and earlier outcomes through', () => {
    const batches: string[][] = [];
    scheduler().run(({ cold, expectObservable }) => {
      const [a, b, c] = [decision('a'), decision('b', []), decision('c')];
      const failed: RoutedOutcome = { change: change('x'), outcome: 'failed', message: 'earlier' };
      const source = cold('-a-b-x-c|', { a, b, x: failed, c });
      const apply = (ds: readonly FlowDecision[]): Observable<readonly ChangeOutcome[]> => {
        batches.push(ds.map((d) => d.change.sourceId));
        return cold('--(r|)', { r: ds.map((_, index) => ({ index, outcome: 'applied' as const, targetId: `t-${index}` })) });
      };
      // Batch [a, b] is full at frame 3 and applied by frame 5; [x, c] at frame 7, applied by 9.
      expectObservable(source.pipe(applyInBatches(apply, 2))).toBe('-----(bA)(xC|)', {
        b: { change: b.change, outcome: 'denied', message: 'No rule lets customer archive flow from qbd to alternative.' },
        A: { change: a.change, outcome: 'applied', targetId: 't-0', message: undefined },
        x: failed,
        C: { change: c.change, outcome: 'applied', targetId: 't-0', message: undefined },
      });
    });
    expect(batches, 'only allowed changes reach the target').to.deep.equal([['a'], ['c']]);
  });

  it('marks only the failing batch failed and goes on with the next', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const [a, b, c] = [decision('a'), decision('b'), decision('c')];
      let calls = 0;
      const apply = (ds: readonly FlowDecision[]): Observable<readonly ChangeOutcome[]> =>
        calls++ === 0 ? throwError(() => new Error('deadlock')) : cold('-(r|)', { r: ds.map((_, index) => ({ index, outcome: 'applied' as const })) });
      // [a, b] fails at frame 1; the last, short batch [c] is flushed when the source ends (8) and applied at 9.
      expectObservable(cold('ab-----c|', { a, b, c }).pipe(applyInBatches(apply, 2))).toBe('-(AB)----(C|)', {
        A: { change: a.change, outcome: 'failed', message: 'Something went wrong on our side.' },
        B: { change: b.change, outcome: 'failed', message: 'Something went wrong on our side.' },
        C: { change: c.change, outcome: 'applied', targetId: undefined, message: undefined },
      });
    });
  });
});
