import type { Connection } from '../store/entities/connection';

/** A connection is quiet (stale) when nothing has run for this many of its sync intervals. */
export const QUIET_AFTER_INTERVALS = 3;

export type HealthState = 'waiting' | 'ok' | 'stale' | 'paused';

/** Whether the connection's accounting system is still in touch, and since when it is not. */
export interface ConnectionHealth {
  readonly state: HealthState;
  /** When the accounting system last answered a request. */
  readonly lastAnsweredAt: string | null;
  /** When a sync last started (a sign-in, for a system that calls us). */
  readonly lastContactAt: string | null;
  /** Minutes without contact after which the connection counts as quiet. */
  readonly quietAfterMinutes: number;
}

/** The last sign of life: a sync starting or an answer, whichever is later. */
function lastContactOf(c: Pick<Connection, 'lastAuthenticatedAt' | 'lastAnsweredAt'>): Date | null {
  const times = [c.lastAuthenticatedAt, c.lastAnsweredAt].filter((t): t is Date => !!t).map((t) => t.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/**
 * The health a partner sees. Computed from the clock, not only from `quietSince`, so the page
 * says "stale" at the moment it becomes true even before the watch has written its event.
 */
export function connectionHealth(c: Connection, now: Date): ConnectionHealth {
  const quietAfterMinutes = QUIET_AFTER_INTERVALS * c.syncIntervalMinutes;
  const lastContact = lastContactOf(c);
  const base = { lastAnsweredAt: c.lastAnsweredAt?.toISOString() ?? null, lastContactAt: lastContact?.toISOString() ?? null, quietAfterMinutes };
  if (c.status === 'paused') return { state: 'paused', ...base };
  if (!lastContact) return { state: 'waiting', ...base };
  return { state: now.getTime() - lastContact.getTime() > quietAfterMinutes * 60_000 ? 'stale' : 'ok', ...base };
}
