import { DirectionRule, RuleLayer } from './direction-rule';

const DENY_ALL: DirectionRule = { item: '*', operation: '*', flow: 'none', note: 'Nothing flows unless a rule allows it.' };

/**
 * The framework's own layer: nothing flows anywhere unless a plugin or a partner says so.
 * Deny by default keeps a missing rule from ever writing into a partner's books.
 */
export const FRAMEWORK_RULES: RuleLayer = Object.freeze({
  name: 'framework',
  origin: 'framework',
  rules: Object.freeze([Object.freeze(DENY_ALL)]),
});
