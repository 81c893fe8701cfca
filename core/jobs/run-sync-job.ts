import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../errors/app-error';
import type { Logger } from '../runtime/logger';
import { sendSql } from '../store/send-sql';
import { emitConnectionEvent } from '../webhooks/connection-events';
import { retryDelaySeconds } from './retry-delay';
import type { ServerDrivenSync, SyncReason } from './server-driven-sync';
import type { SyncJobSettings } from './sync-job-settings';
import { leaseJob, releaseLease, renewLease, takeLease } from './sync-run-lease';

/** A sync job's payload. `attempt` counts transient failures in a row. */
export interface SyncJobData {
  readonly connectionId: string;
  readonly reason: SyncReason;
  readonly attempt: number;
  /** Set on the follow-up of a job the engine re-ran while the first run's lease was live: run only if that run died. */
  readonly resumes?: string;
}

export interface SyncJobContext {
  readonly em: EntityManager;
  readonly syncs: ReadonlyMap<string, ServerDrivenSync>;
  readonly settings: SyncJobSettings;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** Who runs it (instance and job): the lease's holder. */
  readonly holder: string;
  /** Aborts when the service stops. */
  readonly stopping: AbortSignal;
  /** Queues a later sync of the connection (coalesced with any already waiting). */
  later(data: SyncJobData, afterSeconds: number): Promise<void>;
  /** Starts at once a sync of the connection that waits for a later time (a request made during a run). */
  expedite(connectionId: string): Promise<void>;
}

/**
 * Runs one sync job: takes the connection's run lease (or leaves the run to whoever holds it),
 * keeps it renewed while the adapter syncs, and applies the retry policy to what it throws.
 */
export async function runSyncJob(jobId: string, data: SyncJobData, ctx: SyncJobContext): Promise<void> {
  const { em, settings, logger } = ctx;
  const [connection] = await sendSql<{ system: string; status: string }[]>(em, 'select system, status from connection where id = ?', [data.connectionId]);
  const sync = connection && ctx.syncs.get(connection.system);
  // Deleted, paused, in error (a person must act first) or no longer ours: nothing to do.
  if (!sync || connection.status !== 'connected') return;
  // The run it follows ended by itself (released its lease) or was taken over: nothing left to do.
  if (data.resumes && (await leaseJob(em, data.connectionId)) !== data.resumes) return;
  const lease = await takeLease(em, data.connectionId, ctx.holder, jobId, settings.leaseSeconds);
  // This very job ran to its end already (the engine re-ran it as it expired just before finishing).
  if (lease === 'done') return;
  if (lease !== 'taken') {
    // An interval sync the running one covers: dropped. Our own job, re-run by the engine (it
    // expired) while its first run's lease is live: that run may be going on, or may have died
    // with its instance; look again when the lease would lapse. A request (sync now, a
    // notification) made during a run: run after it, for what changed meanwhile.
    const twin = lease.jobId === jobId || lease.jobId === data.resumes;
    if (twin || data.reason !== 'interval') await ctx.later({ ...data, resumes: twin ? lease.jobId : undefined }, Math.ceil(lease.secondsLeft) + 1);
    // The run ended between our look and our queueing, so its end could not start the request: start it here.
    if (!twin && data.reason !== 'interval' && (await leaseJob(em, data.connectionId)) === null) await ctx.expedite(data.connectionId);
    return;
  }
  const run = new AbortController();
  const onStop = () => run.abort(ctx.stopping.reason);
  ctx.stopping.addEventListener('abort', onStop);
  const heartbeat = setInterval(
    () => {
      renewLease(em, data.connectionId, ctx.holder, settings.leaseSeconds).then(
        (ours) => ours || run.abort(new AppError('transient', 'The sync lost its lease.')),
        (error: Error) => logger.warn('sync lease not renewed', { connectionId: data.connectionId, detail: error.message }),
      );
    },
    (settings.leaseSeconds * 1000) / 3,
  );
  let failedAt: Date | null = null;
  let completed = false;
  try {
    await sync.sync({ connectionId: data.connectionId, reason: data.reason, signal: run.signal });
    completed = true;
  } catch (thrown) {
    const error = AppError.from(thrown);
    if (ctx.stopping.aborted) {
      // Cut short by this instance stopping: to be picked up again at once, here after a restart or by another instance.
      logger.info('sync stopped with the service; queued again', { connectionId: data.connectionId });
      await ctx.later(data, 0);
    } else if (error.kind === 'transient') {
      const wait = retryDelaySeconds(error, data.attempt + 1, settings);
      logger.info('sync failed for now; retrying', { connectionId: data.connectionId, attempt: data.attempt + 1, inSeconds: wait, detail: error.detail });
      await ctx.later({ ...data, attempt: data.attempt + 1 }, wait);
    } else {
      failedAt = ctx.clock();
      logger.warn('sync failed', { connectionId: data.connectionId, kind: error.kind, message: error.userMessage, detail: error.detail });
      await recordFailure(em, data.connectionId, error, failedAt);
    }
  } finally {
    clearInterval(heartbeat);
    ctx.stopping.removeEventListener('abort', onStop);
    await releaseLease(em, data.connectionId, ctx.holder, failedAt);
  }
  // A request made during the run was queued for when the lease would lapse: it runs now, for
  // what changed meanwhile. (After a transient failure the waiting job is the back-off: it waits.)
  if (completed) await ctx.expedite(data.connectionId);
}

/**
 * As a Web Connector session's failure is recorded: the code and the user-facing message on
 * the connection. Only a failure a person must act on turns it to 'error' (a paused one stays
 * paused); any other is tried again at the next interval.
 */
async function recordFailure(em: EntityManager, connectionId: string, error: AppError, at: Date): Promise<void> {
  const needsPerson = error.kind === 'needs-user-action' || error.kind === 'unauthorized';
  await em.transactional(async (tx) => {
    const [row] = await sendSql<{ status: string; was: string }[]>(
      tx as EntityManager,
      `with before as (select id, status from connection where id = ? for update)
       update connection c set last_error_code = ?, last_error_message = ?, updated_at = ?,
         status = case when ? and c.status = 'connected' then 'error' else c.status end from before where c.id = before.id
       returning c.status, before.status as was`,
      // The error's own code when it has one: a failure another writer already put in the
      // partner's words (QuickBooks Online's reconnect) keeps the code its card reads.
      [connectionId, error.code ?? error.kind, error.userMessage, at, needsPerson],
    );
    // Told when the failure turns the connection to error, in the same transaction.
    if (row && row.status === 'error' && row.was !== 'error') await emitConnectionEvent(tx as EntityManager, connectionId, 'connection.error', at);
  });
}
