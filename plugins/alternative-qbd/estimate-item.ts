import { ESTIMATE_FIELD_GROUPS, parseEstimate } from '../../core/items/estimate';
import { defineItem } from '../../core/items/item-descriptor';

/**
 * Estimates, contributed by this plugin rather than listed in core/items/core-items.ts: only an
 * installation that connects a system with estimates (QuickBooks) to one that keeps them (the
 * platform's read-only table) knows the item. No default rule lets one flow; a partner's file
 * turns it on (config/examples/partner-reads-estimates.json).
 */
export const ESTIMATE_ITEM = defineItem({
  kind: 'estimate',
  description: 'An estimate (a quote) with its line items, read from the accounting system',
  fieldGroups: ESTIMATE_FIELD_GROUPS,
  parse: parseEstimate,
});
