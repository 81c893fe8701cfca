import type { AppConfig } from '../config/app-config';
import type { RuleSet } from '../rules/direction-rule';
import type { FrameworkRegistry } from './framework-registry';

/** The rules one partner's changes go through: the framework's, the plugins', then the partner file's, if any. */
export function partnerRuleSet(registry: Pick<FrameworkRegistry, 'ruleSetFor'>, config: Pick<AppConfig, 'partners'>, partnerId: string): RuleSet {
  return registry.ruleSetFor(config.partners.get(partnerId)?.rules);
}
