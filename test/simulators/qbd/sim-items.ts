/** The items the generator puts on invoice lines, in the order it picks them (its seeds depend on it). */
export const GENERATED_ITEM_NAMES = ['Consulting', 'Design', 'Support', 'Hardware'] as const;

/**
 * Every item a new company has: the generator's invoice items, the item its credit memos use,
 * and 'Services' for invoices an outside system writes. Items are names only here: the
 * simulator answers no ItemQuery, so nothing could learn an item's ListID.
 */
export const DEFAULT_ITEM_NAMES: readonly string[] = [...GENERATED_ITEM_NAMES, 'Discount', 'Services'];
