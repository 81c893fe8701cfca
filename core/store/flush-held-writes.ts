import type { EntityManager } from '@mikro-orm/postgresql';
import { releaseHeldWrites } from './held-writes';
import { writeHeldCursors } from './sync-cursors';
import { writeHeldEvents } from './sync-events';

/** Writes what a transaction held back (holdWrites): the sync log in one statement, the bookmarks in one more. Call before it commits. */
export async function flushHeldWrites(em: EntityManager): Promise<void> {
  const rows = releaseHeldWrites(em);
  if (!rows) return;
  await writeHeldEvents(em, rows);
  await writeHeldCursors(em, rows);
}
