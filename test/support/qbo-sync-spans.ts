import type { ProxiedCall } from './request-log-proxy';

/** One sync of one company as its API calls show it. */
export interface SyncSpan {
  readonly realmId: string;
  readonly instance: string;
  readonly startMs: number;
  /** The end of its last call: the closing CDC read when finished, else the last call it made. */
  endMs: number;
  /** Ended with a successful CDC read, as every completed QBO sync does (adapters/qbo/sync/read-next.ts). */
  finished: boolean;
  calls: number;
}

/** Two syncs of one company at once: `second` made a call while `first` had not ended. */
export interface SyncOverlap {
  readonly realmId: string;
  readonly first: SyncSpan;
  readonly second: SyncSpan;
}

/** An instance that was killed at `atMs`: its unfinished sync ended there. */
export interface DeadInstance {
  readonly instance: string;
  readonly atMs: number;
}

const opensSync = (c: ProxiedCall) => c.path.endsWith('/query') && /from\s+Account\b/i.test(decodeURIComponent(c.query.replace(/\+/g, ' ')));
const closesSync = (c: ProxiedCall) => c.path.endsWith('/cdc') && c.status === 200;
/** Connecting reads the company's name (adapters/qbo/auth/company-name.ts): not a sync's call. */
const outsideSyncs = (c: ProxiedCall) => c.path.includes('/companyinfo/');

/**
 * Cuts each company's API calls (from all instances, by arrival) into syncs: an interval or
 * "sync now" sync opens with the chart of accounts and closes with a CDC read that answers
 * (qbo-sync-runner.ts). A call that arrives while another instance's sync of the company is
 * open, a call that starts before the previous sync's last answer, or a new sync opening
 * while one is open are overlaps. A sync left open by a transient failure would read as an
 * overlap too: the runs these spans judge inject no faults. Calls with no sync open (a
 * webhook's sync skips the accounts) start a span of their own.
 */
export function syncSpans(log: readonly ProxiedCall[], dead: readonly DeadInstance[] = []): { spans: SyncSpan[]; overlaps: SyncOverlap[] } {
  const spans: SyncSpan[] = [];
  const overlaps: SyncOverlap[] = [];
  const byRealm = new Map<string, ProxiedCall[]>();
  for (const call of log) if (call.realmId && !outsideSyncs(call)) byRealm.set(call.realmId, [...(byRealm.get(call.realmId) ?? []), call]);
  const diedBefore = (instance: string, ms: number) => dead.some((d) => d.instance === instance && d.atMs <= ms);

  for (const [realmId, calls] of byRealm) {
    let open: SyncSpan | undefined;
    let last: SyncSpan | undefined;
    for (const call of [...calls].sort((a, b) => a.startMs - b.startMs)) {
      const end = call.endMs ?? call.startMs;
      let overlapping = false;
      if (open && (opensSync(call) || call.instance !== open.instance)) {
        overlapping = !diedBefore(open.instance, call.startMs);
        if (overlapping)
          overlaps.push({ realmId, first: open, second: { realmId, instance: call.instance, startMs: call.startMs, endMs: end, finished: false, calls: 1 } });
        open = undefined;
      }
      if (!open) {
        if (!overlapping && last && call.startMs < last.endMs) {
          overlaps.push({ realmId, first: last, second: { realmId, instance: call.instance, startMs: call.startMs, endMs: end, finished: false, calls: 1 } });
        }
        open = { realmId, instance: call.instance, startMs: call.startMs, endMs: end, finished: false, calls: 0 };
        spans.push(open);
      }
      open.calls += 1;
      open.endMs = Math.max(open.endMs, end);
      if (closesSync(call)) {
        open.finished = true;
        last = open;
        open = undefined;
      } else last = open;
    }
  }
  return { spans: spans.sort((a, b) => a.startMs - b.startMs), overlaps };
}
