import { ChangeOperation } from '../changes/change';
import { SystemId } from '../changes/system-id';
import { ItemKind } from '../items/item-kind';

/**
 * Which way changes may flow: `none`, `both`, or one way written `from->to`
 * (`qbd->alternative`).
 */
export type Flow = 'none' | 'both' | `${SystemId}->${SystemId}`;

/**
 * One row of the direction table. `*` (or a missing fieldGroup) matches everything; the most
 * specific matching row decides, and among equally specific rows the later layer wins.
 *
 * @example
 * { item: 'invoice', operation: 'upsert', fieldGroup: 'amounts', when: 'invoice-unpaid', flow: 'qbd->alternative' }
 */
export interface DirectionRule {
  readonly item: ItemKind | '*';
  readonly operation: ChangeOperation | '*';
  /** One of the item's field groups; absent or `*` means the whole record and every group. */
  readonly fieldGroup?: string;
  /** A named condition (see ConditionDescriptor) that must hold for this row to apply. */
  readonly when?: string;
  readonly flow: Flow;
  /** Why the row exists, in a sentence. */
  readonly note?: string;
}

/** Where a layer of rules came from; later layers override earlier ones. */
export type RuleOrigin = 'framework' | 'plugin' | 'partner';

export interface RuleLayer {
  /** e.g. `framework`, `plugin:alternative-qbd`, `partner:<id>`. */
  readonly name: string;
  readonly origin: RuleOrigin;
  readonly rules: readonly DirectionRule[];
}

/** The layers that apply to one partner, in order: framework defaults, plugins, the partner's overrides. */
export interface RuleSet {
  readonly layers: readonly RuleLayer[];
}

/**
 * A named fact a rule can depend on (`invoice-unpaid`). The adapter that applies a change
 * states which facts hold for the record it is about to change.
 */
export interface ConditionDescriptor {
  readonly name: string;
  readonly item: ItemKind;
  readonly description: string;
}

/** Splits a one-way flow into its ends; undefined for `none` and `both`. */
export function flowEnds(flow: Flow): { from: SystemId; to: SystemId } | undefined {
  const arrow = flow.indexOf('->');
  if (arrow < 0) return undefined;
  return { from: flow.slice(0, arrow), to: flow.slice(arrow + 2) };
}
