/**
 * What the webhook route asks of the job engine: core/jobs' ConnectionSyncJobs has this shape
 * (helper "jobs"); qbo-module.ts binds it here.
 */
export interface SyncRequests {
  request(connectionId: string, reason: 'notification'): Promise<void>;
}

export const SYNC_REQUESTS = Symbol.for('qbo/SyncRequests');
