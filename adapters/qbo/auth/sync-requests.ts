/**
 * The core job engine's "sync this connection soon" (core/jobs/connection-sync-jobs.ts, helper
 * "jobs"), as far as connecting and the API need it. The token is the one the style guide names
 * (`Symbol.for('jobs/ConnectionSyncJobs')`), so whatever binds the engine's TOKENS.ConnectionSyncJobs
 * under that key is found here; until the engine is there, injection is optional.
 */
export interface SyncRequests {
  request(connectionId: string, reason: 'sync-now' | 'notification' | 'interval'): Promise<void>;
}

export const SYNC_REQUESTS = Symbol.for('jobs/ConnectionSyncJobs');
