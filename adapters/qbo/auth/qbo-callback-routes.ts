import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { TOKENS } from '../../../core/runtime/tokens';
import { QboConnect } from './qbo-connect';

/** What the dashboard is told by `?qbo=`: it shows each in words (card-qbo-connect.js). */
export type QboConnectOutcome = 'connected' | 'reconnected' | 'denied' | 'expired' | 'failed';

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * Where Intuit sends the browser back after the consent page (qbo-api.md §2.2): with `code`,
 * `state` and `realmId`, or with `error`. Whatever happens, the browser goes back to the dashboard
 * with the outcome in its address (never the code or the state); nothing is stored unless the state was ours.
 */
@injectable()
export class QboCallbackRoutes implements HttpRoutes {
  readonly name = 'qbo-callback';

  constructor(
    @inject(TOKENS.Clock) private readonly clock: () => Date,
    @inject(QboConnect) private readonly connect: QboConnect,
  ) {}

  register(router: AppRouter): void {
    router.get('/qbo/callback', async (ctx) => {
      const outcome = await this.outcomeOf(ctx.state.em as EntityManager, ctx.query, (message, fields) => ctx.state.log.warn(message, fields));
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.redirect(`/dashboard?${new URLSearchParams(outcome).toString()}`);
    });
  }

  private async outcomeOf(
    em: EntityManager,
    query: Record<string, unknown>,
    warn: (message: string, fields: Record<string, unknown>) => void,
  ): Promise<{ qbo: QboConnectOutcome; connection?: string }> {
    const [code, state, realmId, error] = [text(query.code), text(query.state), text(query.realmId), text(query.error)];
    if (error) {
      warn('QuickBooks Online connect refused at Intuit', { error: error.slice(0, 40) });
      return { qbo: error === 'access_denied' ? 'denied' : 'failed' };
    }
    if (!state || !code || !/^[A-Za-z0-9_-]{1,64}$/.test(realmId)) return { qbo: 'expired' };
    try {
      const { connectionId, reconnected } = await this.connect.finish(em, { code, state, realmId }, this.clock());
      return { qbo: reconnected ? 'reconnected' : 'connected', connection: connectionId };
    } catch (caught) {
      const e = AppError.from(caught);
      warn('QuickBooks Online connect failed', { kind: e.kind, detail: e.detail ?? e.userMessage });
      return { qbo: e.kind === 'invalid' ? 'expired' : 'failed' };
    }
  }
}
