import { runSql } from './run-sql';
import { freePort } from './free-port';
import { ServiceProcess, spawnService } from './service-process';
import { TEST_ADMIN_TOKEN } from './test-service';
import { freshServiceData } from './migrated-database-template';

/**
 * The service as a child process on a port fixed up front (QWC files carry it), on a fresh
 * database (a copy of the migrated template): DATABASE_URL's server's, or its own embedded one. It can be killed
 * and started again on the same port and data, and a second instance can join its database.
 */
export class RunningInstance {
  private process?: ServiceProcess;
  private databaseUrl?: string;

  private constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async start(extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningInstance> {
    const data = await freshServiceData('qbdalt-instance-');
    const port = await freePort();
    const env = {
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      DATA_DIR: data.dataDir,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      LOG_LEVEL: 'info',
      ...(data.databaseUrl ? { DATABASE_URL: data.databaseUrl } : {}),
      ...extraEnv,
    };
    const instance = new RunningInstance(port, env, () => data.remove());
    await instance.boot();
    return instance;
  }

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  /** Where its database answers (the embedded one's local address, or the server's). */
  get database(): string {
    return this.databaseUrl!;
  }

  async boot(): Promise<void> {
    this.process = spawnService(this.env);
    await this.process.listening;
    const listening = this.process.stdout.map((l) => JSON.parse(l) as { msg?: string; embeddedDatabaseUrl?: string }).find((l) => l.msg === 'listening');
    this.databaseUrl = listening?.embeddedDatabaseUrl ?? this.env.DATABASE_URL;
  }

  /** Another service process on the same database, as a second instance behind a balancer. */
  async sibling(): Promise<{ port: number; stop(): Promise<void> }> {
    const port = await freePort();
    const other = spawnService({ ...this.env, PORT: String(port), DATABASE_URL: this.database, DATA_DIR: '/nonexistent-not-used' });
    await other.listening;
    return {
      port,
      async stop() {
        other.child.kill('SIGTERM');
        await other.exited;
      },
    };
  }

  /** SIGKILL: no shutdown, no flush, no goodbye. */
  async kill(): Promise<void> {
    this.process!.child.kill('SIGKILL');
    await this.process!.exited;
  }

  /** Runs SQL on its database (a test standing in for time passing, say). */
  sql(text: string): Promise<void> {
    return runSql(this.database, text);
  }

  async stop(): Promise<void> {
    if (this.process && this.process.child.exitCode === null) {
      this.process.child.kill('SIGTERM');
      await this.process.exited;
    }
    await this.cleanup();
  }
}
