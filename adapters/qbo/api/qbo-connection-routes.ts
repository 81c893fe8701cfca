import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable, optional } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { ownedConnection } from '../../../core/runtime/http/owned-connection';
import { readJsonBody } from '../../../core/runtime/http/read-json-body';
import { partnerRoutes, requirePartner } from '../../../core/runtime/http/require-partner';
import { TOKENS } from '../../../core/runtime/tokens';
import { Connection } from '../../../core/store/entities/connection';
import type { Partner } from '../../../core/store/entities/partner';
import { QboConnect } from '../auth/qbo-connect';
import { SYNC_REQUESTS, SyncRequests } from '../auth/sync-requests';
import { QBO_SYSTEM } from '../qbo-system';
import { qboSettings, updateQboAccounts } from '../store/qbo-connection-store';
import { QboAccountsReader } from './qbo-accounts-reader';
import { QBO_CONNECTION_API } from './qbo-connection-api';
import { qboConnectionView } from './qbo-connection-view';
import { isUndepositedFunds, qboUsableFor, readQboSettings } from './qbo-settings';

/**
 * The partner API of QuickBooks Online connections: start a connect, read one connection with its
 * settings, the accounts dropdowns, settings, sync now. Listing, pause/resume, the sync log and the
 * records are the shared /api/connections/:id routes, which serve every system's connections.
 */
@injectable()
export class QboConnectionRoutes implements HttpRoutes {
  readonly name = 'qbo-connections';
  readonly api = QBO_CONNECTION_API;

  constructor(
    @inject(TOKENS.Clock) private readonly clock: () => Date,
    @inject(QboConnect) private readonly connect: QboConnect,
    @inject(QboAccountsReader) private readonly accounts: QboAccountsReader,
    @inject(SYNC_REQUESTS) @optional() private readonly syncRequests: SyncRequests | undefined,
  ) {}

  register(router: AppRouter): void {
    const partnerRouter = partnerRoutes(router);
    const auth = requirePartner(this.clock);

    partnerRouter.post('/api/connections/qbo', auth, async (ctx) => {
      ctx.status = 201;
      ctx.body = { authorizeUrl: await this.connect.authorizeUrl(ctx.state.em as EntityManager, ctx.state.partner, this.clock()) };
    });

    partnerRouter.get('/api/connections/qbo/:id', auth, async (ctx) => {
      ctx.body = await this.viewOf(ctx.state.em as EntityManager, await qboConnection(ctx.state.em as EntityManager, ctx.state.partner, ctx.params.id));
    });

    partnerRouter.get('/api/connections/qbo/:id/accounts', auth, async (ctx) => {
      const connection = await qboConnection(ctx.state.em as EntityManager, ctx.state.partner, ctx.params.id);
      const rows = await this.accounts.refresh(ctx.state.em as EntityManager, connection.id);
      ctx.body = rows.map((a) => ({
        id: a.id,
        name: a.name,
        fullName: a.full_name,
        type: a.account_type,
        subType: a.account_sub_type,
        isActive: a.is_active,
        usableFor: qboUsableFor(a),
        recommended: isUndepositedFunds(a),
      }));
    });

    partnerRouter.patch('/api/connections/qbo/:id/settings', auth, async (ctx) => {
      const em = ctx.state.em as EntityManager;
      const connection = await qboConnection(em, ctx.state.partner, ctx.params.id);
      const change = await readQboSettings(em, connection.id, await readJsonBody(ctx));
      const now = this.clock();
      const changed = { ...(change.syncIntervalMinutes !== undefined ? { syncIntervalMinutes: change.syncIntervalMinutes } : {}), updatedAt: now };
      await em.transactional(async (tx) => {
        await updateQboAccounts(tx as EntityManager, connection.id, change.accounts, now);
        await tx.nativeUpdate(Connection, { id: connection.id }, changed);
      });
      Object.assign(connection, changed);
      ctx.body = await this.viewOf(em, connection);
    });

    partnerRouter.post('/api/connections/qbo/:id/sync', auth, async (ctx) => {
      const connection = await qboConnection(ctx.state.em as EntityManager, ctx.state.partner, ctx.params.id);
      if (connection.status === 'paused') throw new AppError('conflict', 'This connection is paused. Resume syncing first.');
      if (!this.syncRequests)
        throw new AppError('transient', 'Syncing is not running on this service yet. Try again in a minute.', { detail: 'no ConnectionSyncJobs bound' });
      await this.syncRequests.request(connection.id, 'sync-now');
      ctx.status = 202;
      ctx.body = { ...(await this.viewOf(ctx.state.em as EntityManager, connection)), message: 'A sync with QuickBooks Online starts in a moment.' };
    });
  }

  private async viewOf(em: EntityManager, connection: Connection) {
    return qboConnectionView(connection, await qboSettings(em, connection.id), this.clock());
  }
}

/** The partner's own QuickBooks Online connection; any other id answers 404. */
async function qboConnection(em: EntityManager, partner: Partner, id: string): Promise<Connection> {
  const connection = await ownedConnection(em, partner, id);
  if (connection.system !== QBO_SYSTEM) throw new AppError('not-found', 'No such QuickBooks Online connection.');
  return connection;
}
