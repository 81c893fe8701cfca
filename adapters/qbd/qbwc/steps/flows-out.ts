import type { ItemKind } from '../../../../core/items/item-kind';
import type { FrameworkRegistry } from '../../../../core/plugins/framework-registry';
import type { RuleSet } from '../../../../core/rules/direction-rule';
import { mayFlow } from '../../../../core/rules/may-flow';
import { QBD_SYSTEM } from '../../qbd-system';

/**
 * Whether a record of this item, read from QuickBooks, could reach any system: one that takes
 * the item (its adapter writes it) and that the partner's rules let an upsert flow to. The same
 * targets routeChanges would try, so a step planned on this answer never reads for nothing.
 *
 * @example planSteps({ ...context, flowsOut: flowsOutOfQuickBooks(registry, registry.ruleSetFor(partner.rules)) })
 */
export function flowsOutOfQuickBooks(registry: FrameworkRegistry, ruleSet: RuleSet): (item: ItemKind) => boolean {
  return (item) =>
    [...registry.adapters.values()].some(
      (target) =>
        target.system !== QBD_SYSTEM &&
        target.writes.includes(item) &&
        mayFlow(ruleSet, { item, operation: 'upsert', from: QBD_SYSTEM, to: target.system }).allowed,
    );
}
