import { ChangeOperation } from '../changes/change';
import { SystemId } from '../changes/system-id';
import { ItemKind } from '../items/item-kind';
import { DirectionRule, RuleSet, flowEnds } from './direction-rule';

export interface FlowQuestion {
  readonly item: ItemKind;
  readonly operation: ChangeOperation;
  /** The field group the change touches; absent for the record as a whole. */
  readonly fieldGroup?: string;
  readonly from: SystemId;
  readonly to: SystemId;
  /** Named conditions that hold for the record (e.g. `invoice-unpaid`). */
  readonly facts?: readonly string[];
}

/** What the rules say about one question: may it flow, and which row of which layer decided. */
export interface RuleVerdict {
  readonly allowed: boolean;
  /** The row that decided, and the layer it came from; absent when no row matched. */
  readonly rule?: DirectionRule;
  readonly layer?: string;
}

/**
 * A one-way row (`a->b`) speaks about the pair of systems it names, in both directions, and
 * about no other pair: with two accounting systems beside one platform, `books-a->platform` must
 * not decide (or deny) a change between `books-b` and `platform`. `none` and `both` rows speak
 * about every pair.
 */
function aboutPair(rule: DirectionRule, q: FlowQuestion): boolean {
  const ends = flowEnds(rule.flow);
  if (!ends) return true;
  return (ends.from === q.from && ends.to === q.to) || (ends.from === q.to && ends.to === q.from);
}

function matches(rule: DirectionRule, q: FlowQuestion): boolean {
  if (!aboutPair(rule, q)) return false;
  if (rule.item !== '*' && rule.item !== q.item) return false;
  if (rule.operation !== '*' && rule.operation !== q.operation) return false;
  const group = rule.fieldGroup ?? '*';
  if (group !== '*' && group !== q.fieldGroup) return false;
  return rule.when === undefined || (q.facts ?? []).includes(rule.when);
}

/** Item beats operation beats field group beats condition, as in a lexicographic order. */
function specificity(rule: DirectionRule): number {
  return (rule.item !== '*' ? 8 : 0) + (rule.operation !== '*' ? 4 : 0) + ((rule.fieldGroup ?? '*') !== '*' ? 2 : 0) + (rule.when !== undefined ? 1 : 0);
}

function allows(rule: DirectionRule, from: SystemId, to: SystemId): boolean {
  if (rule.flow === 'none') return false;
  if (rule.flow === 'both') return from !== to;
  const ends = flowEnds(rule.flow);
  return ends !== undefined && ends.from === from && ends.to === to;
}

/**
 * May this change go from `from` to `to`? A pure function of the rule set: the most specific
 * matching row decides; among rows equally specific, the later one (later layer, then later
 * in its layer) wins. No matching row means no.
 *
 * @example mayFlow(ruleSet, { item: 'payment', operation: 'upsert', from: 'alternative', to: 'qbd' }).allowed
 */
export function mayFlow(ruleSet: RuleSet, question: FlowQuestion): RuleVerdict {
  let best: { rule: DirectionRule; layer: string; score: number } | undefined;
  for (const layer of ruleSet.layers) {
    for (const rule of layer.rules) {
      if (!matches(rule, question)) continue;
      const score = specificity(rule);
      if (!best || score >= best.score) best = { rule, layer: layer.name, score };
    }
  }
  if (!best) return { allowed: false };
  return { allowed: allows(best.rule, question.from, question.to), rule: best.rule, layer: best.layer };
}
