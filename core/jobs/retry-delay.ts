import type { AppError } from '../errors/app-error';
import type { SyncJobSettings } from './sync-job-settings';

/** `retryAfterSeconds=120` (or `: 120`) in a transient error's detail: when the system said to come back. */
const RETRY_AFTER = /retryAfterSeconds\s*[=:]\s*(\d+)/;

/**
 * Seconds to wait before retry `attempt` (1 = the first retry) of a transiently failed sync:
 * what the error's detail asks for when it says, else exponential backoff with jitter, capped.
 *
 * @example retryDelaySeconds(new AppError('transient', 'Throttled.', { detail: 'HTTP 429; retryAfterSeconds=60' }), 1, settings) // 60
 */
export function retryDelaySeconds(error: AppError, attempt: number, settings: SyncJobSettings, random = Math.random): number {
  const asked = RETRY_AFTER.exec(error.detail ?? '');
  if (asked) return Math.max(1, Number(asked[1]));
  const backoff = Math.min(settings.retryMaxSeconds, settings.retryBaseSeconds * 2 ** Math.min(20, attempt - 1));
  // Up to 20% jitter, so connections that failed together do not retry together.
  return Math.max(1, Math.round(backoff * (1 - 0.2 * random())));
}
