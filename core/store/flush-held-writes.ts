import type { EntityManager } from '@mikro-orm/postgresql';
import { releaseHeldWrites, takeHeldRows } from './held-writes';
import { SqlStatement, sendTogether } from './send-together';
import { heldCursorStatements } from './sync-cursors';
import { heldEventStatements } from './sync-events';

/**
 * Writes what a transaction held back (holdWrites), the sync log, the bookmarks and the adapters'
 * held tables, in one statement with `alongside` (the caller's own last writes, which must touch
 * none of those tables). Call before it commits.
 */
export async function flushHeldWrites(em: EntityManager, alongside: readonly SqlStatement[] = []): Promise<void> {
  const rows = releaseHeldWrites(em);
  const held = rows
    ? [...heldEventStatements(rows), ...heldCursorStatements(rows), ...[...rows.tables.values()].flatMap((table) => table.write(table.rows))]
    : [];
  await sendTogether(em, [...held, ...alongside]);
}

/** Writes now the rows held of one table (holdRows), before a statement of their holder's that must see them; nothing when none are held. */
export async function sendHeldRows(em: EntityManager, table: string): Promise<void> {
  const kept = takeHeldRows(em, table);
  if (kept) await sendTogether(em, kept.write(kept.rows));
}
