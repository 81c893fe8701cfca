/**
 * The waits between a delivery's attempts: Standard Webhooks' example schedule (platform-api.md
 * §2.4), the first attempt at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h:
 * ten attempts over about 75.5 hours, after which the delivery is given up (`failed`, retried by hand).
 */
export const RETRY_DELAYS_SECONDS: readonly number[] = Object.freeze([5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400]);

/** A receiver's Retry-After is honoured up to the longest wait of the schedule. */
const LONGEST_WAIT = RETRY_DELAYS_SECONDS[RETRY_DELAYS_SECONDS.length - 1]!;

/** An endpoint whose failures ran unbroken this long is disabled (Svix's five days: longer than one delivery's whole schedule). */
export const DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;

/**
 * When to try again after `attempts` attempts failed, or undefined when the schedule is spent.
 *
 * @example nextAttemptAt(1, now, null) // now + 5 s
 */
export function nextAttemptAt(attempts: number, now: Date, retryAfterSeconds: number | null): Date | undefined {
  const wait = RETRY_DELAYS_SECONDS[attempts - 1];
  if (wait === undefined) return undefined;
  const seconds = retryAfterSeconds === null ? wait : Math.min(LONGEST_WAIT, Math.max(wait, retryAfterSeconds));
  return new Date(now.getTime() + seconds * 1000);
}
