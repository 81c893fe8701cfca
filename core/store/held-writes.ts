import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlStatement } from './send-together';

/** Rows a transaction holds back until just before it commits, by table, in the order written. */
export interface HeldRows {
  /** sync_event rows, in the order they were recorded. */
  readonly events: unknown[][];
  /** sync_cursor values by `connectionId\u0000stream`: only the last write of each counts. */
  readonly cursors: Map<string, { readonly connectionId: string; readonly stream: string; readonly value: string; readonly at: Date }>;
  /** Rows of the tables an adapter holds (holdRows), by the name it gave them. */
  readonly tables: Map<string, HeldTable>;
}

/** An adapter's held rows of one table, and the statements that write them. */
export interface HeldTable {
  readonly rows: unknown[][];
  readonly write: (rows: readonly (readonly unknown[])[]) => SqlStatement[];
}

const held = new WeakMap<EntityManager, HeldRows>();

/**
 * Lets a transaction that records many small writes (a session call stores the sync log and the
 * bookmarks of several steps) send each kind as one statement at its end instead of one a step.
 * Opt-in, by whoever opened the transaction, who must call flushHeldWrites before it commits;
 * what a rolled-back transaction held is dropped with its entity manager.
 */
export function holdWrites(em: EntityManager): void {
  held.set(em, { events: [], cursors: new Map(), tables: new Map() });
}

/** What the entity manager holds, when it holds writes; undefined: write at once. */
export function heldRows(em: EntityManager): HeldRows | undefined {
  return held.get(em);
}

/**
 * Holds an adapter's rows of one table for the end of the transaction, when `em` holds writes;
 * `write` makes their statements then. False when it does not hold them: write them at once. The
 * holder must send them itself (sendHeldRows) before any statement of its own that must see them.
 */
export function holdRows(em: EntityManager, table: string, rows: readonly unknown[][], write: HeldTable['write']): boolean {
  const holding = held.get(em);
  if (!holding) return false;
  let kept = holding.tables.get(table);
  if (!kept) holding.tables.set(table, (kept = { rows: [], write }));
  for (const row of rows) kept.rows.push(row); // a page may hold more rows than a call's arguments can
  return true;
}

/** Takes the rows held of one table (holdRows), for sendHeldRows to write now; none when nothing is held. */
export function takeHeldRows(em: EntityManager, table: string): HeldTable | undefined {
  const kept = held.get(em)?.tables.get(table);
  held.get(em)?.tables.delete(table);
  return kept;
}

/** Takes what the entity manager held, and stops holding: the caller writes it. */
export function releaseHeldWrites(em: EntityManager): HeldRows | undefined {
  const rows = held.get(em);
  held.delete(em);
  return rows;
}
