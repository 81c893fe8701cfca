import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import type { AppConfig } from '../../../core/config/app-config';
import { AppError } from '../../../core/errors/app-error';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { ownedConnection } from '../../../core/runtime/http/owned-connection';
import { partnerRoutes, requirePartner } from '../../../core/runtime/http/require-partner';
import { TOKENS } from '../../../core/runtime/tokens';
import { UUID_PATTERN } from '../../../core/validation/uuid';
import { InstallListRow, createInstall, installOf, installsOf, renewInstallCredentials, revokeInstall } from '../store/install-store';
import { INSTALL_API } from './install-api';
import { installView, newInstallView } from './install-view';

/** The connection's install, by id; another connection's (or partner's) answers like a missing one. */
async function ownedInstall(em: EntityManager, connectionId: string, installId: string): Promise<InstallListRow> {
  const install = UUID_PATTERN.test(installId) ? await installOf(em, connectionId, installId) : undefined;
  if (!install) throw new AppError('not-found', 'No such install on this connection.');
  return install;
}

/**
 * The partner's hold on a connection's installs (one Web Connector on one computer each): add
 * one, list them, revoke one (an employee left, a computer was lost), give one a new password.
 */
@injectable()
export class InstallRoutes implements HttpRoutes {
  readonly name = 'qbd-installs';
  readonly api = INSTALL_API;

  constructor(
    @inject(TOKENS.AppConfig) private readonly config: AppConfig,
    @inject(TOKENS.Clock) private readonly clock: () => Date,
  ) {}

  register(router: AppRouter): void {
    const partnerRouter = partnerRoutes(router);
    const auth = requirePartner(this.clock);

    partnerRouter.post('/api/connections/:id/installs', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const install = await createInstall(ctx.state.em, connection.id, this.clock());
      ctx.status = 201;
      ctx.body = newInstallView(install, this.config.service.publicUrl);
    });

    partnerRouter.get('/api/connections/:id/installs', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      ctx.body = (await installsOf(ctx.state.em, connection.id)).map(installView);
    });

    partnerRouter.delete('/api/connections/:id/installs/:installId', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const install = await ownedInstall(ctx.state.em, connection.id, ctx.params.installId);
      await ctx.state.em.transactional((tx) => revokeInstall(tx as EntityManager, install.id, this.clock()));
      ctx.state.log.info('install revoked', { connectionId: connection.id, installId: install.id });
      ctx.body = installView((await installOf(ctx.state.em, connection.id, install.id))!);
    });

    partnerRouter.post('/api/connections/:id/installs/:installId/password', auth, async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const install = await ownedInstall(ctx.state.em, connection.id, ctx.params.installId);
      const renewed = await ctx.state.em.transactional((tx) => renewInstallCredentials(tx as EntityManager, install.id, this.clock()));
      if (!renewed) throw new AppError('conflict', 'This install is revoked: its user name cannot sign in again. Add another computer instead.');
      ctx.state.log.info('install password renewed', { connectionId: connection.id, installId: install.id });
      ctx.status = 201;
      ctx.body = newInstallView({ ...install, ...renewed }, this.config.service.publicUrl);
    });
  }
}
