import { Observable, OperatorFunction, catchError, concatMap, from, map, of, throwError } from 'rxjs';
import type { Change } from '../changes/change';
import type { SystemId } from '../changes/system-id';
import { AppError } from '../errors/app-error';
import type { ItemCatalog } from '../items/item-catalog';
import type { RuleSet } from '../rules/direction-rule';
import { mayFlow } from '../rules/may-flow';
import type { FlowDecision, RoutedOutcome } from './flow-decision';

export interface DecideFlowOptions {
  readonly ruleSet: RuleSet;
  readonly catalog: ItemCatalog;
  readonly target: SystemId;
  /** Named conditions that hold for the record the change would touch in the target (may look it up). */
  readonly factsOf?: (change: Change) => readonly string[] | Promise<readonly string[]>;
}

/** The change's facts, synchronously when the lookup is synchronous (so marble tests keep virtual time). */
function factsFor(options: DecideFlowOptions, change: Change): Observable<readonly string[]> {
  try {
    const facts = options.factsOf?.(change) ?? [];
    return Array.isArray(facts) ? of(facts) : from(facts as Promise<readonly string[]>);
  } catch (error) {
    return throwError(() => error);
  }
}

/**
 * Asks the rules about every field group a change touches (all of the item's for an upsert that
 * names none; the whole record for archive, delete and status). Emits a decision per change; a change whose facts cannot be read becomes
 * a failed outcome instead, and the stream goes on (errors are caught inside the projection).
 */
export function decideFlow(options: DecideFlowOptions): OperatorFunction<Change, FlowDecision | RoutedOutcome> {
  return (changes: Observable<Change>) =>
    changes.pipe(
      concatMap((change) =>
        factsFor(options, change).pipe(
          map((facts): FlowDecision => {
            const groups = change.operation === 'upsert' ? (change.fieldGroups ?? options.catalog.get(change.item).fieldGroups) : [undefined];
            const allowed: string[] = [];
            const denied: string[] = [];
            for (const group of groups) {
              const decision = mayFlow(options.ruleSet, {
                item: change.item,
                operation: change.operation,
                fieldGroup: group,
                from: change.source,
                to: options.target,
                facts,
              });
              (decision.allowed ? allowed : denied).push(group ?? '*');
            }
            return { change, target: options.target, allowedGroups: allowed, deniedGroups: denied };
          }),
          catchError((error: unknown) => of<RoutedOutcome>({ change, outcome: 'failed', message: AppError.from(error).userMessage })),
        ),
      ),
    );
}
