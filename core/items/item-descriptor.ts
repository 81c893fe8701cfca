import { AppError } from '../errors/app-error';
import { ItemKind } from './item-kind';

/**
 * The facts of one sync item, as data: the engine and the rules read this table and never
 * branch on an item's name.
 */
export interface ItemDescriptor<T = unknown> {
  readonly kind: ItemKind;
  readonly description: string;
  /** Parts of the item that direction rules can address one by one. */
  readonly fieldGroups: readonly string[];
  /** Status values a `status` change may carry; absent when the item has no status. */
  readonly statuses?: readonly string[];
  /** Validates untrusted input into the typed item, or throws an invalid AppError listing every problem. */
  readonly parse: (input: unknown, at?: string) => T;
}

const KIND_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

/** Checks a descriptor at load time, so a broken item fails at start-up, not mid-sync. */
export function defineItem<T>(descriptor: ItemDescriptor<T>): ItemDescriptor<T> {
  const problems = [];
  if (!KIND_PATTERN.test(descriptor.kind)) problems.push({ at: 'kind', message: 'must be lower-case words joined by dashes' });
  if (descriptor.fieldGroups.length === 0) problems.push({ at: 'fieldGroups', message: 'must name at least one group' });
  if (new Set(descriptor.fieldGroups).size !== descriptor.fieldGroups.length) {
    problems.push({ at: 'fieldGroups', message: 'must not repeat a group' });
  }
  if (typeof descriptor.parse !== 'function') problems.push({ at: 'parse', message: 'must be a function' });
  if (problems.length > 0) throw AppError.invalid(`The item "${descriptor.kind}" is not defined correctly.`, problems);
  return Object.freeze({ ...descriptor, fieldGroups: Object.freeze([...descriptor.fieldGroups]) });
}
