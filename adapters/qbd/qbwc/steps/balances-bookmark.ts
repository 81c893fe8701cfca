import type { EntityManager } from '@mikro-orm/postgresql';
import { BookmarkCodec, readBookmark, writeBookmark } from '../../../../core/store/sync-cursors';
import type { Instant } from '../../../../core/values/instant';
import { instantToEpochMs } from '../../../../core/values/instant';
import { laterOf, overlapStart } from './overlap';

/**
 * Where the balances step's read of payments and credits stands: the latest TimeModified seen,
 * and the EditSequence of each one modified within the overlap before it. Every read starts
 * three hours back (overlap.ts), so without `seen` the last payment of the day would send its
 * invoices to be read again at every poll for three hours.
 */
export interface BalancesBookmark {
  readonly latest: string;
  /** TxnID -> EditSequence of the payments and credits the next read will meet again. */
  readonly seen: Readonly<Record<string, string>>;
}

/** A bookmark written before `seen` existed is the bare timestamp. */
export function decodeBalancesBookmark(raw: string): BalancesBookmark {
  return raw.startsWith('{') ? (JSON.parse(raw) as BalancesBookmark) : { latest: raw, seen: {} };
}

/** The balances step's bookmark, kept as JSON under its own stream. */
export const BALANCES_BOOKMARK: BookmarkCodec<BalancesBookmark> = {
  stream: 'qbd:invoice-balances',
  decode: decodeBalancesBookmark,
  encode: (bookmark) => JSON.stringify(bookmark),
};

export function readBalancesBookmark(em: EntityManager, connectionId: string): Promise<BalancesBookmark | undefined> {
  return readBookmark(em, connectionId, BALANCES_BOOKMARK);
}

interface ReadRecord {
  readonly txnId: string;
  readonly editSequence: string;
  readonly timeModified: string;
}

/** The records of a read that are new or changed since the bookmark was written. */
export function unseenRecords<R extends ReadRecord>(bookmark: BalancesBookmark | undefined, records: readonly R[]): R[] {
  return records.filter((r) => bookmark?.seen[r.txnId] !== r.editSequence);
}

/** The bookmark after a read of these records (all that were modified since the read's start). */
export function nextBalancesBookmark(startingPoint: string | undefined, records: readonly ReadRecord[]): BalancesBookmark | undefined {
  const latest = records.reduce<string | undefined>((max, r) => laterOf(max, r.timeModified), startingPoint);
  if (latest === undefined) return undefined;
  const from = instantToEpochMs(overlapStart(latest)!);
  const again = records.filter((r) => instantToEpochMs(r.timeModified as Instant) >= from);
  return { latest, seen: Object.fromEntries(again.map((r) => [r.txnId, r.editSequence])) };
}

export function writeBalancesBookmark(em: EntityManager, connectionId: string, bookmark: BalancesBookmark, now: Date): Promise<void> {
  return writeBookmark(em, connectionId, BALANCES_BOOKMARK, bookmark, now);
}
