import { Observable, OperatorFunction } from 'rxjs';
import type { Change } from '../changes/change';
import type { RoutedOutcome } from './flow-decision';

/** What the router works through, one at a time; `T` is how a target is named (its adapter, in the router). */
export type RouteUnit<T> =
  /** Changes for one target, applied together. */
  | { readonly kind: 'batch'; readonly target: T; readonly changes: readonly Change[] }
  /** An outcome decided before routing (a record that could not be read or mapped): it reaches no target. */
  | { readonly kind: 'settled'; readonly outcome: RoutedOutcome }
  /** A change no target takes. */
  | { readonly kind: 'untaken'; readonly change: Change };

const isOutcome = (value: Change | RoutedOutcome): value is RoutedOutcome => 'outcome' in value;

/**
 * Groups changes into batches of `size` for each target that takes them (a change some targets
 * take goes into each of their batches), emitting a batch as soon as it is full and the partial
 * ones when the source completes, in the order they were begun. Outcomes decided upstream and
 * changes no target takes pass at once, as units of their own. A source error is passed on and
 * what was buffered is dropped: its caller's transaction fails with it.
 *
 * @example
 * changes$.pipe(batchPerTarget((c) => (c.source === 'qbd' ? ['alternative'] : []), 50));
 */
export function batchPerTarget<T>(targetsOf: (change: Change) => readonly T[], size: number): OperatorFunction<Change | RoutedOutcome, RouteUnit<T>> {
  return (source) =>
    new Observable<RouteUnit<T>>((subscriber) => {
      const open = new Map<T, Change[]>();
      return source.subscribe({
        next(value) {
          if (isOutcome(value)) return subscriber.next({ kind: 'settled', outcome: value });
          const targets = targetsOf(value);
          if (targets.length === 0) return subscriber.next({ kind: 'untaken', change: value });
          for (const target of targets) {
            const changes = open.get(target) ?? [];
            changes.push(value);
            open.set(target, changes);
            if (changes.length < size) continue;
            open.delete(target);
            subscriber.next({ kind: 'batch', target, changes });
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete() {
          for (const [target, changes] of open) subscriber.next({ kind: 'batch', target, changes });
          open.clear();
          subscriber.complete();
        },
      });
    });
}
