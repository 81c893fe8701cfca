import { Instant, instantToEpochMs } from '../../../../core/values/instant';

/**
 * How far before the bookmark each incremental read starts. QuickBooks stamps TimeModified with
 * a standard-time offset during daylight-saving time (one hour off, ../shared/reference/qbwc-qbxml.md §5.2), and its
 * clock is the partner's PC's: three hours absorbs both. Re-read records are dropped by
 * EditSequence, so the overlap costs reads, never duplicates.
 */
export const INCREMENTAL_OVERLAP_MS = 3 * 60 * 60 * 1000;

export function overlapStart(bookmark: string | undefined): Instant | undefined {
  if (!bookmark) return undefined;
  return new Date(instantToEpochMs(bookmark as Instant) - INCREMENTAL_OVERLAP_MS).toISOString() as Instant;
}

/** The later of two QuickBooks timestamps (compared as instants, kept as QuickBooks wrote them). */
export function laterOf(a: string | undefined, b: string): string {
  return a === undefined || instantToEpochMs(b as Instant) > instantToEpochMs(a as Instant) ? b : a;
}
