import type { EntityManager } from '@mikro-orm/postgresql';
import { CONNECTION_API } from './connection-api';
import { inject, injectable } from 'inversify';
import type { AppConfig } from '../../../core/config/app-config';
import type { SyncSettingsSource } from '../../../core/config/sync-settings-source';
import { AppError } from '../../../core/errors/app-error';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { ownedConnection } from '../../../core/runtime/http/owned-connection';
import { readJsonBody } from '../../../core/runtime/http/read-json-body';
import { secretPathParams } from '../../../core/runtime/http/secret-path-params';
import { partnerRoutes, requirePartner } from '../../../core/runtime/http/require-partner';
import { TOKENS } from '../../../core/runtime/tokens';
import { Connection } from '../../../core/store/entities/connection';
import { readObject } from '../../../core/validation/field-reader';
import { buildQwcFile } from '../qbwc/qwc-file';
import { accountsOf } from '../store/account-store';
import { installByQwcToken } from '../store/install-store';
import { qbdCompany } from '../store/qbd-company-store';
import { signInSummaries } from '../store/sign-in-store';
import { NO_QBD_SETTINGS, qbdSettings, qbdSettingsOf } from '../store/qbd-settings';
import { ConnectionWrites } from '../services/connection-writes';
import { connectionView } from './connection-view';
import { newInstallView } from './install-view';
import { readSettings, SettingsChange, usableFor } from './settings';

/**
 * The partner API for QuickBooks Desktop connections (issue contract: keep paths and fields):
 * create a connection and its first install, read connections and QuickBooks' accounts, change
 * settings, ask for a full sync, and download QWC files by their link (installs: InstallRoutes).
 */
@injectable()
export class ConnectionRoutes implements HttpRoutes {
  readonly name = 'qbd-connections';
  readonly api = CONNECTION_API;

  constructor(
    @inject(TOKENS.AppConfig) private readonly config: AppConfig,
    @inject(TOKENS.SyncSettingsSource) private readonly syncSettings: SyncSettingsSource,
    @inject(TOKENS.Clock) private readonly clock: () => Date,
    @inject(ConnectionWrites) private readonly writes: ConnectionWrites,
  ) {}

  register(router: AppRouter): void {
    const partnerRouter = partnerRoutes(router);
    const auth = requirePartner(this.clock);

    partnerRouter.post('/api/connections', auth, async (ctx) => {
      const body = readObject('connection', await readJsonBody(ctx), (r) => ({
        companyName: r.string('companyName', { max: 200 }),
        companyFilePath: r.string('companyFilePath', {
          optional: true,
          max: 500,
          nonEmpty: false,
          pattern: /^[^\u0000-\u001f]*$/,
          patternHint: 'must be one line of text',
        }),
      }));
      const now = this.clock();
      const companyFilePath = (body.companyFilePath ?? '').trim();
      const result = await this.writes.create(ctx.state.em as EntityManager, ctx.state.partner, { companyName: body.companyName.trim(), companyFilePath }, now);
      ctx.state.log.info('connection created', { connectionId: result.connection.id });
      ctx.status = 201;
      ctx.body = {
        ...connectionView(result.connection, { ...NO_QBD_SETTINGS, companyFilePath }, undefined, now),
        install: newInstallView(result.install, this.config.service.publicUrl),
      };
    });

    partnerRouter.get('/api/connections', auth, async (ctx) => {
      const connections = await ctx.state.em.find(Connection, { partner: ctx.state.partner }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      const ids = connections.map((c) => c.id);
      const [settings, signIns] = [await qbdSettingsOf(ctx.state.em as EntityManager, ids), await signInSummaries(ctx.state.em as EntityManager, ids)];
      ctx.body = connections.map((c) => connectionView(c, settings.get(c.id) ?? NO_QBD_SETTINGS, signIns.get(c.id), this.clock()));
    });

    partnerRouter.get('/api/connections/:id', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      ctx.body = await this.viewOf(ctx.state.em as EntityManager, connection);
    });

    partnerRouter.get('/api/connections/:id/accounts', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const accounts = await accountsOf(ctx.state.em, connection.id);
      ctx.body = accounts.map((a) => ({
        id: a.list_id,
        name: a.name,
        fullName: a.full_name,
        type: a.account_type,
        specialType: a.special_account_type,
        isActive: a.is_active,
        usableFor: usableFor(a),
        recommended: a.special_account_type === 'UndepositedFunds',
      }));
    });

    partnerRouter.patch('/api/connections/:id/settings', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const change: SettingsChange = await readSettings(ctx.state.em, connection, await readJsonBody(ctx));
      await this.writes.updateSettings(ctx.state.em as EntityManager, connection, change, this.clock());
      ctx.body = { ...(await this.viewOf(ctx.state.em as EntityManager, connection)), ...(change.notice ? { notice: change.notice } : {}) };
    });

    partnerRouter.post('/api/connections/:id/sync', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      await this.writes.requestFullSync(ctx.state.em as EntityManager, connection, this.clock());
      ctx.status = 202;
      ctx.body = {
        ...(await this.viewOf(ctx.state.em as EntityManager, connection)),
        message: `A full sync starts at the next Web Connector poll (within ${connection.syncIntervalMinutes} minutes), or at once if you press Update Selected in the Web Connector.`,
      };
    });

    for (const [path, paused] of [
      ['/api/connections/:id/pause', true],
      ['/api/connections/:id/resume', false],
    ] as const) {
      partnerRouter.post(path, auth, async (ctx) => {
        const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
        await this.writes.setPaused(ctx.state.em as EntityManager, connection, paused, this.clock());
        ctx.body = await this.viewOf(ctx.state.em as EntityManager, connection);
      });
    }

    // The QWC link works without the API key (partners send it to a colleague): the token is the
    // secret, so it is looked up by its hash and kept out of the request log.
    router.get('/qwc/:token', secretPathParams('token'), async (ctx) => {
      const install = /^[0-9a-f]{48}$/.test(ctx.params.token) ? await installByQwcToken(ctx.state.em, ctx.params.token) : undefined;
      if (!install) throw new AppError('not-found', 'This QWC link is not valid. Ask for a new one from the Integrations page.');
      const connection = await ctx.state.em.findOneOrFail(Connection, { id: install.connection_id });
      const company = (await qbdCompany(ctx.state.em, connection.id))!;
      ctx.set('Content-Disposition', `attachment; filename="alternative-${install.username}.qwc"`);
      ctx.type = 'application/xml';
      const { intervalMinutes } = this.syncSettings.resolve({ partnerId: connection.partner.id, connection });
      ctx.body = buildQwcFile({
        publicUrl: this.config.service.publicUrl,
        username: install.username,
        fileId: company.file_id,
        companyName: connection.companyName,
        intervalMinutes,
      });
    });
  }

  /** One connection as the API shows it, with its QuickBooks settings and sign-ins. */
  private async viewOf(em: EntityManager, connection: Connection) {
    return connectionView(connection, await qbdSettings(em, connection.id), (await signInSummaries(em, [connection.id])).get(connection.id), this.clock());
  }
}
