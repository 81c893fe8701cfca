import type { Change } from '../changes/change';
import type { SystemId } from '../changes/system-id';
import type { ItemCatalog } from '../items/item-catalog';
import type { RuleSet } from '../rules/direction-rule';
import { mayFlow } from '../rules/may-flow';
import type { FlowDecision } from './flow-decision';

export interface DecideFlowOptions {
  readonly ruleSet: RuleSet;
  readonly catalog: ItemCatalog;
  readonly target: SystemId;
}

/**
 * Asks the rules about every field group a change touches (all of the item's for an upsert that
 * names none; the whole record for archive, delete and status), given the named facts that hold
 * for the record it would touch in the target. A plain function: the router calls it for each
 * change of a batch once the batch's facts are read. Throws for an item the catalog does not know.
 *
 * @example
 * decideFlow({ ruleSet, catalog, target: 'alternative' }, change, ['invoice-unpaid']).allowedGroups;
 */
export function decideFlow(options: DecideFlowOptions, change: Change, facts: readonly string[]): FlowDecision {
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
}
