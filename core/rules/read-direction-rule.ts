import { CHANGE_OPERATIONS } from '../changes/change';
import { SYSTEM_ID_RULES, SystemId } from '../changes/system-id';
import { ItemCatalog } from '../items/item-catalog';
import { FieldReader } from '../validation/field-reader';
import { ConditionDescriptor, DirectionRule, Flow } from './direction-rule';

/** What a rule may name: the items, systems and conditions this installation knows. */
export interface RuleVocabulary {
  readonly catalog: ItemCatalog;
  readonly systems: readonly SystemId[];
  readonly conditions: readonly ConditionDescriptor[];
}

/**
 * Reads one rule row from untrusted data (a partner file, a plugin) and records every problem:
 * an unknown item, a field group the item does not have, an unknown condition, a flow that
 * names a system nobody registered.
 */
export function readDirectionRule(r: FieldReader, vocabulary: RuleVocabulary): DirectionRule {
  const item = r.string('item');
  const operation = r.oneOf('operation', ['*', ...CHANGE_OPERATIONS] as const);
  const fieldGroup = r.string('fieldGroup', { optional: true });
  const when = r.string('when', { optional: true });
  const flow = r.string('flow');
  const note = r.string('note', { optional: true, max: 500 });

  const knownItem = item === '*' || (item !== undefined && vocabulary.catalog.has(item));
  if (item !== undefined && !knownItem) r.problem('item', `must be "*" or a known item (${vocabulary.catalog.kinds.join(', ')})`);
  if (fieldGroup !== undefined && fieldGroup !== '*') {
    if (item === '*') r.problem('fieldGroup', 'needs a specific item');
    else if (knownItem && item !== undefined) {
      const groups = vocabulary.catalog.get(item).fieldGroups;
      if (!groups.includes(fieldGroup)) r.problem('fieldGroup', `must be one of ${item}'s groups (${groups.join(', ')})`);
    }
  }
  if (when !== undefined) {
    const condition = vocabulary.conditions.find((c) => c.name === when);
    const names = vocabulary.conditions.map((c) => c.name);
    if (!condition) r.problem('when', names.length ? `must be a known condition (${names.join(', ')})` : 'names a condition, but none is registered');
    else if (item !== undefined && item !== condition.item) r.problem('when', `applies to ${condition.item}, not to ${item}`);
  }
  if (flow !== undefined) {
    const problem = flowProblem(flow, vocabulary.systems);
    if (problem) r.problem('flow', problem);
  }
  return { item: item!, operation: operation!, fieldGroup, when, flow: flow as Flow, note };
}

function flowProblem(flow: string, systems: readonly SystemId[]): string | undefined {
  if (flow === 'none' || flow === 'both') return undefined;
  const ends = flow.split('->');
  const expected = `must be "none", "both" or "from->to" with known systems (${systems.join(', ') || 'none registered'})`;
  if (ends.length !== 2 || ends.some((e) => !SYSTEM_ID_RULES.pattern.test(e))) return expected;
  if (ends[0] === ends[1]) return 'must go from one system to another';
  if (ends.some((e) => !systems.includes(e))) return expected;
  return undefined;
}
