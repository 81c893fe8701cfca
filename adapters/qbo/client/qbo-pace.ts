/** The pace one realm is held to (reference §8: 500 requests/min per realm, 10/s per realm and app). */
export interface PaceLimits {
  readonly perSecond: number;
  readonly perMinute: number;
}

/** Below Intuit's limits with room for the partner's other apps: the reference's suggested policy (§8, UNVERIFIED as Intuit guidance). */
export const QBO_PACE: PaceLimits = Object.freeze({ perSecond: 8, perMinute: 500 });

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

interface RealmPace {
  /** Start times of the requests of the last minute, oldest first. */
  readonly starts: number[];
  /** No request before this moment (after a throttle). */
  holdUntil: number;
  /** Turns are handed out one after another, so waiting callers keep their order. */
  queue: Promise<void>;
}

/**
 * Hands out request turns per realm within the limits: a sliding window of start times per
 * second and per minute, and a hold after a throttle, so a 429 storm slows every caller of that
 * realm down instead of each finding out on its own. In-process: each service instance keeps its
 * own count, and the job engine runs one sync per connection at a time, so a realm is rarely
 * called from two instances at once (several connections of one company would be).
 */
export class QboPace {
  private readonly realms = new Map<string, RealmPace>();

  constructor(
    private readonly limits: PaceLimits = QBO_PACE,
    private readonly clock: () => number = Date.now,
    private readonly wait: Sleep = sleep,
  ) {}

  private realm(realmId: string): RealmPace {
    let pace = this.realms.get(realmId);
    if (!pace) this.realms.set(realmId, (pace = { starts: [], holdUntil: 0, queue: Promise.resolve() }));
    return pace;
  }

  /** Resolves when this realm may be called once more (and counts that call). */
  turn(realmId: string, signal?: AbortSignal): Promise<void> {
    const pace = this.realm(realmId);
    const mine = pace.queue.then(() => this.take(pace, signal));
    // A caller that gave up (aborted) must not stop the ones behind it.
    pace.queue = mine.catch(() => undefined);
    return mine;
  }

  /** After a throttle: nobody calls this realm again before `ms` from now. */
  holdOff(realmId: string, ms: number): void {
    const pace = this.realm(realmId);
    pace.holdUntil = Math.max(pace.holdUntil, this.clock() + ms);
  }

  private async take(pace: RealmPace, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock();
      while (pace.starts.length > 0 && pace.starts[0] <= now - 60_000) pace.starts.shift();
      const lastSecond = pace.starts.filter((t) => t > now - 1_000);
      let until = pace.holdUntil;
      if (lastSecond.length >= this.limits.perSecond) until = Math.max(until, lastSecond[lastSecond.length - this.limits.perSecond] + 1_000);
      if (pace.starts.length >= this.limits.perMinute) until = Math.max(until, pace.starts[pace.starts.length - this.limits.perMinute] + 60_000);
      if (until <= now) {
        pace.starts.push(now);
        return;
      }
      await this.wait(until - now, signal);
    }
  }
}
