import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable, optional } from 'inversify';
import { randomUUID } from 'node:crypto';
import type { SyncSettingsSource } from '../../../core/config/sync-settings-source';
import { AppError } from '../../../core/errors/app-error';
import type { Logger } from '../../../core/runtime/logger';
import { TOKENS } from '../../../core/runtime/tokens';
import { Connection } from '../../../core/store/entities/connection';
import type { Partner } from '../../../core/store/entities/partner';
import { sendSql } from '../../../core/store/send-sql';
import { QBO_ENDPOINTS, QboEndpoints } from '../qbo-endpoints';
import { emitConnectionEvent } from '../../../core/webhooks/connection-events';
import { QBO_SYSTEM } from '../qbo-system';
import { insertQboConnection, saveTokens } from '../store/qbo-connection-store';
import { createOAuthState, takeOAuthState } from '../store/qbo-oauth-states';
import { companyNameOf } from './company-name';
import { SYNC_REQUESTS, SyncRequests } from './sync-requests';
import { callTokenEndpoint } from './token-endpoint';

/** Intuit's accounting scope: customers, invoices, payments, deposits, accounts (qbo-api.md §2.1). */
const SCOPE = 'com.intuit.quickbooks.accounting';

/** What the callback brings back (qbo-api.md §2.2 step 3). */
export interface QboCallback {
  readonly code: string;
  readonly state: string;
  readonly realmId: string;
}

/**
 * Connecting a QuickBooks Online company by OAuth: the authorize URL with a single-use state, and
 * the callback's code exchanged for tokens, stored encrypted with the connection (a new one, or
 * the partner's existing connection to the same company: a reconnect), then a first sync asked for.
 */
@injectable()
export class QboConnect {
  constructor(
    @inject(QBO_ENDPOINTS) private readonly endpoints: QboEndpoints,
    @inject(TOKENS.SyncSettingsSource) private readonly syncSettings: SyncSettingsSource,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(SYNC_REQUESTS) @optional() private readonly syncRequests: SyncRequests | undefined,
  ) {}

  async authorizeUrl(em: EntityManager, partner: Partner, now: Date): Promise<string> {
    const state = await createOAuthState(em, partner.id, now);
    const query = new URLSearchParams({
      client_id: this.endpoints.clientId,
      response_type: 'code',
      scope: SCOPE,
      redirect_uri: this.endpoints.redirectUrl,
      state,
    });
    return `${this.endpoints.authorizeUrl}?${query.toString()}`;
  }

  /** The state is spent first, whatever follows: a replayed callback finds nothing. */
  async finish(em: EntityManager, input: QboCallback, now: Date): Promise<{ connectionId: string; reconnected: boolean }> {
    const partnerId = await takeOAuthState(em, input.state, now);
    if (!partnerId)
      throw new AppError('invalid', 'This sign-in link has expired or was already used. Press Connect again.', { detail: 'unknown or expired OAuth state' });
    const tokens = await callTokenEndpoint(
      this.endpoints,
      { grant_type: 'authorization_code', code: input.code, redirect_uri: this.endpoints.redirectUrl },
      now,
    );
    const companyName = await companyNameOf(this.endpoints, input.realmId, tokens.accessToken);
    const key = this.endpoints.tokenKey;
    const result = await em.transactional(async (tx) => {
      const [existing] = await sendSql<{ id: string }[]>(
        tx as EntityManager,
        `select c.id from connection c join qbo_connection q on q.connection_id = c.id where c.partner_id = ? and c.system = ? and q.realm_id = ? for update of c`,
        [partnerId, QBO_SYSTEM, input.realmId],
      );
      if (existing) {
        await saveTokens(tx as EntityManager, key, existing.id, tokens, now);
        // A reconnect clears the refusal that asked for it; a paused connection stays paused.
        const [after] = await sendSql<{ status: string }[]>(
          tx as EntityManager,
          `update connection set status = case when status = 'paused' then status else 'connected' end, last_error_code = null, last_error_message = null,
           last_authenticated_at = ?, company_name = ?, updated_at = ? where id = ? returning status`,
          [now, companyName, now, existing.id],
        );
        // The partner's sign-in is news even for a connection that was connected: its tokens are new.
        if (after.status === 'connected') await emitConnectionEvent(tx as EntityManager, existing.id, 'connection.connected', now);
        return { connectionId: existing.id, reconnected: true };
      }
      const { intervalMinutes } = this.syncSettings.resolve({ partnerId });
      const connection = tx.create(Connection, {
        id: randomUUID(),
        partner: partnerId,
        system: QBO_SYSTEM,
        companyName,
        status: 'connected',
        syncIntervalMinutes: intervalMinutes,
        lastAuthenticatedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      await tx.flush();
      await insertQboConnection(tx as EntityManager, key, connection.id, input.realmId, tokens, now);
      await emitConnectionEvent(tx as EntityManager, connection.id, 'connection.connected', now);
      return { connectionId: connection.id, reconnected: false };
    });
    this.logger.info(result.reconnected ? 'QuickBooks Online connection reconnected' : 'QuickBooks Online connection created', {
      connectionId: result.connectionId,
    });
    await this.requestSync(result.connectionId);
    return result;
  }

  /** The first sync soon; a failure to ask is logged, not the partner's problem (the interval sync comes anyway). */
  private async requestSync(connectionId: string): Promise<void> {
    try {
      await this.syncRequests?.request(connectionId, 'sync-now');
    } catch (error) {
      this.logger.warn('could not ask for the first sync of a QuickBooks Online connection', { connectionId, error: (error as Error).message });
    }
  }
}
