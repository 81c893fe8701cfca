import type { EntityManager } from '@mikro-orm/postgresql';

const without = new WeakSet<EntityManager>();

/**
 * Marks a transaction whose writers run without a savepoint a batch: any failure then aborts the
 * whole transaction, and its opener must run it again the careful way (with savepoints, so one
 * bad record fails alone). Savepoints cost two round trips each; a session call opens several.
 */
export function withoutSavepoints(em: EntityManager): void {
  without.add(em);
}

export function usesSavepoints(em: EntityManager): boolean {
  return !without.has(em);
}
