/** The entities this simulator keeps. Resources in URLs are these names lower-cased. */
export const ENTITY_NAMES = ['Customer', 'Invoice', 'Payment', 'Deposit', 'Account', 'Item'] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

/** Name lists are never deleted, only made inactive; default queries hide inactive rows. */
export const NAME_LISTS: ReadonlySet<EntityName> = new Set(['Customer', 'Account', 'Item']);

/**
 * One stored object. `fields` holds what a client wrote (and the server filled in) in QBO's own
 * field names, with every amount kept as an exact Money string; computed fields (Balance,
 * UnappliedAmt, CurrentBalance…) are added when the object is shown (entity-json.ts).
 */
export interface SimEntity {
  readonly entity: EntityName;
  readonly id: string;
  syncToken: number;
  readonly created: Date;
  updated: Date;
  fields: Record<string, unknown>;
}

/** A deleted transaction, as CDC reports it for 30 days. */
export interface Tombstone {
  readonly entity: EntityName;
  readonly id: string;
  readonly at: Date;
}

export type ChangeOperation = 'Create' | 'Update' | 'Delete' | 'Void';

/** What a webhook reports about one change (../shared/reference/qbo-api.md §9.2). */
export interface ChangeEvent {
  readonly realmId: string;
  readonly name: EntityName;
  readonly id: string;
  readonly operation: ChangeOperation;
  readonly at: Date;
  /** Who changed it: a person in QBO, or a client through the API. */
  readonly by: 'bookkeeper' | 'api';
}

/** A `{value, name}` reference as QBO writes it. */
export interface Ref {
  readonly value: string;
  readonly name?: string;
}

export function refValue(ref: unknown): string | undefined {
  if (ref && typeof ref === 'object' && 'value' in ref) {
    const value = (ref as { value: unknown }).value;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  }
  return undefined;
}
