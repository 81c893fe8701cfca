import type { EntityManager } from '@mikro-orm/postgresql';
import { releaseHeldWrites } from './held-writes';
import { SqlStatement, sendTogether } from './send-together';
import { heldCursorStatements } from './sync-cursors';
import { heldEventStatements } from './sync-events';

/**
 * Writes what a transaction held back (holdWrites), the sync log and the bookmarks, in one
 * statement with `alongside` (the caller's own last writes, which must touch neither table).
 * Call before it commits.
 */
export async function flushHeldWrites(em: EntityManager, alongside: readonly SqlStatement[] = []): Promise<void> {
  const rows = releaseHeldWrites(em);
  await sendTogether(em, [...(rows ? [...heldEventStatements(rows), ...heldCursorStatements(rows)] : []), ...alongside]);
}
