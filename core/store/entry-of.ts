/**
 * What `store` holds for `owner`, made by `make` the first time it is asked for: what an entity
 * manager or a transaction keeps for itself (bookmarks read, facts read by another statement)
 * and drops with it.
 *
 * @example const byConnection = entryOf(read, em, () => new Map<string, string[]>());
 */
export function entryOf<K extends object, V>(store: WeakMap<K, V>, owner: K, make: () => V): V {
  let value = store.get(owner);
  if (value === undefined) store.set(owner, (value = make()));
  return value;
}
