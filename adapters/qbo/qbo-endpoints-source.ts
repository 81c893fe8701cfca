import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import type { AppConfig } from '../../core/config/app-config';
import { AppError, Problem } from '../../core/errors/app-error';
import type { Logger } from '../../core/runtime/logger';
import type { StartupTask } from '../../core/runtime/startup-task';
import { TOKENS } from '../../core/runtime/tokens';
import type { Database } from '../../core/store/open-database';
import { QboEndpoints, readQboEnvironment } from './qbo-endpoints';
import { startSimulatedQbo } from './simulated-qbo';
import { tokenKeysInUse } from './store/qbo-connection-store';
import { keyFingerprint } from './store/token-cipher';

/**
 * Makes QboEndpoints at start-up, before any route is built: reads and checks the QBO_*
 * variables (every problem in one error, no value repeated), starts the simulator when none is
 * set, and refuses to start when the database holds connections whose tokens another key sealed
 * (they could not be opened: every sync would fail).
 */
@injectable()
export class QboEndpointsSource implements StartupTask {
  readonly name = 'qbo-endpoints';
  private current: QboEndpoints | undefined;
  private stopSimulator: (() => Promise<void>) | undefined;

  constructor(
    @inject(TOKENS.Environment) private readonly env: NodeJS.ProcessEnv,
    @inject(TOKENS.AppConfig) private readonly config: AppConfig,
    @inject(TOKENS.Database) private readonly database: Database,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  get endpoints(): QboEndpoints {
    if (!this.current) throw new AppError('internal', 'QuickBooks Online is not started yet.', { detail: 'QboEndpoints read before the start-up task ran' });
    return this.current;
  }

  async start(): Promise<void> {
    const problems: Problem[] = [];
    const { publicUrl, dataDir } = this.config.service;
    const read = readQboEnvironment(this.env, publicUrl, problems);
    if (problems.length > 0)
      throw AppError.invalid(`QuickBooks Online is not configured correctly (${problems.length} problem${problems.length > 1 ? 's' : ''}):`, problems);
    if (read === 'simulated') {
      const simulated = await startSimulatedQbo({ dataDir, redirectUrl: `${publicUrl}/qbo/callback`, webhookUrl: `${publicUrl}/qbo/webhooks` });
      this.stopSimulator = simulated.stop;
      this.current = simulated.endpoints;
      this.logger.info('QuickBooks Online is simulated (no QBO_* variable set): connecting signs in to a built-in simulator', {
        simulatorUrl: simulated.endpoints.apiBaseUrl,
      });
    } else {
      this.current = Object.freeze({ ...read, simulated: false });
    }
    try {
      await this.checkStoredKeys(this.current);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    const stop = this.stopSimulator;
    this.stopSimulator = undefined;
    await stop?.();
  }

  private async checkStoredKeys(endpoints: QboEndpoints): Promise<void> {
    const inUse = await tokenKeysInUse(this.database.orm.em.fork() as EntityManager);
    const mine = keyFingerprint(endpoints.tokenKey);
    const others = [...inUse].filter(([id]) => id !== mine).reduce((n, [, count]) => n + count, 0);
    if (others === 0) return;
    const what = `${others} QuickBooks Online connection${others > 1 ? 's were' : ' was'} stored with another token key`;
    throw AppError.invalid('QuickBooks Online cannot start:', [
      {
        at: 'environment: QBO_TOKEN_KEY',
        message: endpoints.simulated
          ? `${what}: set QBO_CLIENT_ID, QBO_CLIENT_SECRET and QBO_TOKEN_KEY (the key they were stored with) as when they were connected`
          : `${what}: set QBO_TOKEN_KEY to the key they were stored with`,
      },
    ]);
  }
}
