/** Why a sync runs: the core's interval tick, a person's "sync now", or the system's notification (a webhook). */
export type SyncReason = 'interval' | 'sync-now' | 'notification';

/**
 * A system whose changes we fetch ourselves (it cannot call us, as the Web Connector does): the
 * adapter does one sync of one connection, the core decides when and guarantees one at a time.
 *
 * @example
 * bind<ServerDrivenSync>(TOKENS.ServerDrivenSync).to(MySyncRunner).inSingletonScope();
 */
export interface ServerDrivenSync {
  /** The system id, as in `connection.system`. */
  readonly system: string;
  /** One sync of one connection. The engine never runs two at once for one connection (any instance).
   *  Throw AppError: kind 'transient' -> the engine retries later with backoff (retryAfterSeconds on the
   *  error's detail may say when); other kinds -> recorded on the connection, not retried before the next interval.
   *  `signal` aborts when the service stops or the run's lease is lost: stop soon, leaving state consistent. */
  sync(input: { connectionId: string; reason: SyncReason; signal: AbortSignal }): Promise<void>;
}
