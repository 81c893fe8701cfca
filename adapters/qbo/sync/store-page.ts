import type { EntityManager } from '@mikro-orm/postgresql';
import type { Change } from '../../../core/changes/change';
import { AppError } from '../../../core/errors/app-error';
import type { RoutedOutcome } from '../../../core/pipeline/flow-decision';
import { RouteInput, routeChanges } from '../../../core/pipeline/route-changes';
import { Connection } from '../../../core/store/entities/connection';
import { writeBookmark } from '../../../core/store/sync-cursors';
import type { Instant } from '../../../core/values/instant';
import { isTombstone } from '../mapping/qbo-records';
import { QBO_SYSTEM } from '../qbo-system';
import { QBO_BOOKMARK } from './qbo-bookmark';
import type { ReadRecord, ReadResult } from './read-next';

/** A record's changes, or the failed outcome that says why it could not be read (the rest go on). */
function changesOf({ stream, record }: ReadRecord, observedAt: Instant): (Change | RoutedOutcome)[] {
  try {
    return isTombstone(record) ? [stream.deleted(record, observedAt)] : stream.toChanges(record, observedAt);
  } catch (error) {
    const e = AppError.from(error);
    const change: Change = { item: stream.item, operation: 'upsert', source: QBO_SYSTEM, sourceId: record.Id, observedAt, payload: {} };
    return [{ change, outcome: 'failed', message: `${stream.entity} ${record.Id} could not be read: ${e.userMessage}`, errorKind: e.kind }];
  }
}

/**
 * Stores one read in one transaction: its records routed through the partner's rules, the
 * bookmark that covers them, and the partner's bar. A failure undoes all three, so the bookmark
 * never runs ahead of its data and the page is read again by the next try.
 */
export async function storePage(
  em: EntityManager,
  route: Omit<RouteInput, 'transaction' | 'now'>,
  read: ReadResult,
  counts: Record<string, number>,
  now: Date,
): Promise<void> {
  const observedAt = now.toISOString() as Instant;
  const changes = read.records.flatMap((r) => changesOf(r, observedAt));
  const seen = { ...counts };
  for (const { stream } of read.records) seen[stream.countsAs] = (seen[stream.countsAs] ?? 0) + 1;
  await em.transactional(async (tx) => {
    const trx = tx as EntityManager;
    if (changes.length > 0) await routeChanges({ ...route, transaction: trx, now }, changes);
    await writeBookmark(trx, route.connectionId, QBO_BOOKMARK, read.next, now);
    await trx.nativeUpdate(
      Connection,
      { id: route.connectionId },
      { progressPercent: read.percent, progressPhase: read.phase, progressCounts: seen, lastAnsweredAt: now, updatedAt: now },
    );
  });
  Object.assign(counts, seen);
}
