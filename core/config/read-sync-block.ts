import type { FieldReader } from '../validation/field-reader';
import type { SyncSettings } from './app-config';

/**
 * The bounds of each sync setting, and whether defaults.json must name it. A setting added
 * later (pageSize) is optional there too, so a defaults.json written before it still loads.
 */
const SYNC_FIELDS: Readonly<Record<keyof SyncSettings, { readonly min: number; readonly max: number; readonly inDefaults: boolean }>> = {
  intervalMinutes: { min: 1, max: 1440, inDefaults: true },
  initialWindowMonths: { min: 1, max: 120, inDefaults: true },
  historyWindowMonths: { min: 1, max: 120, inDefaults: true },
  // Each page is a round trip and a transaction: below 10 a first sync is thousands of them, and
  // above 1000 one answer grows past what a system builds quickly. Why 250 is the default for
  // QuickBooks Desktop: adapters/qbd/qbwc/steps/query-step.ts.
  pageSize: { min: 10, max: 1000, inDefaults: false },
};

/**
 * Reads a sync block: defaults.json names every setting it must (`complete`), a partner's file
 * or a plugin only those it overrides. Unknown keys are the caller's to refuse.
 */
export function readSyncBlock(r: FieldReader, complete: boolean): Partial<SyncSettings> {
  const sync: Partial<Record<keyof SyncSettings, number>> = {};
  for (const [key, field] of Object.entries(SYNC_FIELDS) as [keyof SyncSettings, (typeof SYNC_FIELDS)[keyof SyncSettings]][]) {
    const value = r.integer(key, { optional: !(complete && field.inDefaults), min: field.min, max: field.max });
    if (value !== undefined) sync[key] = value;
  }
  return sync;
}
