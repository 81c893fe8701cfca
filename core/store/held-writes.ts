import type { EntityManager } from '@mikro-orm/postgresql';

/** Rows a transaction holds back until just before it commits, by table, in the order written. */
export interface HeldRows {
  /** sync_event rows, in the order they were recorded. */
  readonly events: unknown[][];
  /** sync_cursor values by `connectionId\u0000stream`: only the last write of each counts. */
  readonly cursors: Map<string, { readonly connectionId: string; readonly stream: string; readonly value: string; readonly at: Date }>;
}

const held = new WeakMap<EntityManager, HeldRows>();

/**
 * Lets a transaction that records many small writes (a session call stores the sync log and the
 * bookmarks of several steps) send each kind as one statement at its end instead of one a step.
 * Opt-in, by whoever opened the transaction, who must call flushHeldWrites before it commits;
 * what a rolled-back transaction held is dropped with its entity manager.
 */
export function holdWrites(em: EntityManager): void {
  held.set(em, { events: [], cursors: new Map() });
}

/** What the entity manager holds, when it holds writes; undefined: write at once. */
export function heldRows(em: EntityManager): HeldRows | undefined {
  return held.get(em);
}

/** Takes what the entity manager held, and stops holding: the caller writes it. */
export function releaseHeldWrites(em: EntityManager): HeldRows | undefined {
  const rows = held.get(em);
  held.delete(em);
  return rows;
}
