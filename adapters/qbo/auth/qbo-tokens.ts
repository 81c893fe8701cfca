import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import type { Logger } from '../../../core/runtime/logger';
import { TOKENS } from '../../../core/runtime/tokens';
import type { Database } from '../../../core/store/open-database';
import { sendSql } from '../../../core/store/send-sql';
import { emitConnectionEvent } from '../../../core/webhooks/connection-events';
import { QBO_ENDPOINTS, QboEndpoints } from '../qbo-endpoints';
import { StoredQboTokens, readTokens, saveTokens } from '../store/qbo-connection-store';
import { RECONNECT_CODE, RECONNECT_MESSAGE, callTokenEndpoint } from './token-endpoint';

/** A company and a token that opens it now. */
export interface QboAccess {
  readonly realmId: string;
  readonly accessToken: string;
}

/** Refresh when less than this is left, so a sync never starts with a token about to die. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * The access tokens of QuickBooks Online connections. A refresh happens inside a transaction that
 * holds the connection's qbo_connection row (`select ... for update`), and whoever gets the row
 * next reads the token the last one stored: two instances (or two syncs) never spend the same
 * refresh token, and the refresh token of the latest response is always the one kept (qbo-api.md §2.3).
 */
@injectable()
export class QboTokens {
  constructor(
    @inject(TOKENS.Database) private readonly database: Database,
    @inject(QBO_ENDPOINTS) private readonly endpoints: QboEndpoints,
    @inject(TOKENS.Clock) private readonly clock: () => Date,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  /** A valid access token; refreshed first (rotated refresh token stored) when under 5 min left. */
  async access(connectionId: string): Promise<QboAccess> {
    const stored = await readTokens(this.em(), this.endpoints.tokenKey, connectionId);
    if (!stored) throw notConnected(connectionId);
    if (this.fresh(stored)) return accessOf(stored);
    return this.refresh(connectionId, (current) => !this.fresh(current));
  }

  /** After a 401 for `rejectedToken`: refresh unless another caller already has; returns the new access. */
  async afterRejection(connectionId: string, rejectedToken: string): Promise<QboAccess> {
    return this.refresh(connectionId, (current) => current.accessToken === rejectedToken);
  }

  /** Under the row lock: refresh when `stillNeeded` says the stored token (as now stored) will not do. */
  private async refresh(connectionId: string, stillNeeded: (current: StoredQboTokens) => boolean): Promise<QboAccess> {
    try {
      return await this.em().transactional(async (tx) => {
        const current = await readTokens(tx as EntityManager, this.endpoints.tokenKey, connectionId, { forUpdate: true });
        if (!current) throw notConnected(connectionId);
        if (!stillNeeded(current)) return accessOf(current);
        const now = this.clock();
        const next = await callTokenEndpoint(this.endpoints, { grant_type: 'refresh_token', refresh_token: current.refreshToken }, now);
        await saveTokens(tx as EntityManager, this.endpoints.tokenKey, connectionId, next, now);
        this.logger.info('QuickBooks Online token refreshed', { connectionId });
        return { realmId: current.realmId, accessToken: next.accessToken };
      });
    } catch (error) {
      if (error instanceof AppError && error.kind === 'needs-user-action') await this.markForReconnect(connectionId);
      throw error;
    }
  }

  /** The partner sees why syncing stopped and what to do; the interval scheduler skips 'error' connections. */
  private async markForReconnect(connectionId: string): Promise<void> {
    const now = this.clock();
    await this.em().transactional(async (tx) => {
      const [row] = await sendSql<{ was: string }[]>(
        tx as EntityManager,
        `with before as (select id, status from connection where id = ? for update)
         update connection c set status = 'error', last_error_code = ?, last_error_message = ?, updated_at = ? from before where c.id = before.id
         returning before.status as was`,
        [connectionId, RECONNECT_CODE, RECONNECT_MESSAGE, now],
      );
      // Told once, when it turns to error: later refusals of the same token are no news.
      if (row && row.was !== 'error') await emitConnectionEvent(tx as EntityManager, connectionId, 'connection.error', now);
    });
    this.logger.warn('QuickBooks Online refused the refresh token: the connection needs a reconnect', { connectionId });
  }

  private fresh(tokens: StoredQboTokens): boolean {
    return tokens.accessExpiresAt.getTime() - this.clock().getTime() > REFRESH_MARGIN_MS;
  }

  private em(): EntityManager {
    return this.database.orm.em.fork() as EntityManager;
  }
}

const accessOf = (t: StoredQboTokens): QboAccess => ({ realmId: t.realmId, accessToken: t.accessToken });

function notConnected(connectionId: string): AppError {
  return new AppError('needs-user-action', 'This connection has no QuickBooks Online sign-in. Connect QuickBooks Online again.', {
    detail: `no qbo_connection row for ${connectionId}`,
  });
}
