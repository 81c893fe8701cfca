import { Observable, OperatorFunction, bufferCount, catchError, concatMap, defer, from, map, mergeMap, of } from 'rxjs';
import { AppError } from '../errors/app-error';
import type { ChangeOutcome } from '../ports/adapter-port';
import type { FlowDecision, RoutedOutcome } from './flow-decision';

/** Applies one batch in the target; a Promise or an Observable of one outcome list. */
export type ApplyBatch = (decisions: readonly FlowDecision[]) => Promise<readonly ChangeOutcome[]> | Observable<readonly ChangeOutcome[]>;

/**
 * Applies allowed changes in batches of `size`, one batch at a time. Within a batch, outcomes
 * decided earlier and denials come first, then what the target did, in input order. A batch that throws marks
 * its own changes failed and the stream lives on; a missing outcome is a failure too.
 */
export function applyInBatches(apply: ApplyBatch, size: number): OperatorFunction<FlowDecision | RoutedOutcome, RoutedOutcome> {
  return (input: Observable<FlowDecision | RoutedOutcome>) =>
    input.pipe(
      bufferCount(size),
      concatMap((buffer) => {
        const passing = buffer.filter((d): d is RoutedOutcome => 'outcome' in d);
        const decisions = buffer.filter((d): d is FlowDecision => !('outcome' in d));
        const denied = decisions.filter((d) => d.allowedGroups.length === 0);
        const toApply = decisions.filter((d) => d.allowedGroups.length > 0);
        const early: RoutedOutcome[] = [
          ...passing,
          ...denied.map((d): RoutedOutcome => ({
            change: d.change,
            outcome: 'denied',
            message: `No rule lets ${d.change.item} ${d.change.operation} flow from ${d.change.source} to ${d.target}.`,
          })),
        ];
        if (toApply.length === 0) return of(early);
        return defer(() => apply(toApply)).pipe(
          map((results) => [
            ...early,
            ...toApply.map((d, index): RoutedOutcome => {
              const result = results.find((r) => r.index === index);
              if (!result) return { change: d.change, outcome: 'failed', message: 'The target gave no outcome for this change.' };
              return {
                change: d.change,
                outcome: result.outcome,
                targetId: result.targetId,
                ...(result.effect ? { effect: result.effect } : {}),
                message: result.error?.message,
              };
            }),
          ]),
          catchError((error: unknown) =>
            of([...early, ...toApply.map((d): RoutedOutcome => ({ change: d.change, outcome: 'failed', message: AppError.from(error).userMessage }))]),
          ),
        );
      }),
      mergeMap((outcomes) => from(outcomes)),
    );
}
