/**
 * Work a plugin needs done once the database is open and before the service takes requests
 * (check its own environment variables against what the database holds, start a local
 * simulator...). Bound by a plugin's container module to TOKENS.StartupTask; the service runs
 * every task in binding order and stops them in reverse at shutdown. A task that throws stops
 * start-up: an AppError's message is what the operator reads, so it must never carry a secret.
 *
 * @example
 * bind<StartupTask>(TOKENS.StartupTask).toService(MyRuntime);
 */
export interface StartupTask {
  readonly name: string;
  start(): Promise<void>;
  stop?(): Promise<void>;
}
