import type { SyncReason } from './server-driven-sync';

/**
 * Asks for a server-driven sync outside the interval (injectable via TOKENS.ConnectionSyncJobs).
 *
 * @example await jobs.request(connectionId, 'sync-now');
 */
export interface ConnectionSyncJobs {
  /** A sync of this connection soon (sync now, a webhook). Coalesced: at most one waiting per connection.
   *  Throws AppError 'invalid' when the connection's system has no ServerDrivenSync bound. */
  request(connectionId: string, reason: SyncReason): Promise<void>;
}
