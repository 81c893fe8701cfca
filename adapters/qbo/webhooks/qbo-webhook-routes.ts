import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable, optional } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { decodeUtf8, readLimitedBody } from '../../../core/runtime/http/read-limited-body';
import { TOKENS } from '../../../core/runtime/tokens';
import type { Database } from '../../../core/store/open-database';
import { SYNC_REQUESTS, SyncRequests } from '../auth/sync-requests';
import { QBO_ENDPOINTS, QboEndpoints } from '../qbo-endpoints';
import { connectionsOfRealm } from '../store/qbo-connection-store';
import { isSignedBy } from './webhook-signature';
import { realmsOf } from './webhook-realms';

/** Intuit sends at most 100 events of about 1 MB (reference §9.3); twice that is still a notification. */
export const WEBHOOK_BODY_LIMIT = 2 * 1024 * 1024;

/**
 * POST /qbo/webhooks: Intuit's change notifications. The signature is checked over the raw bytes
 * before anything reads them; a forged or unsigned call gets a bare 401 and changes nothing. A
 * verified one asks for a sync of every connection of the companies it names (coalesced by the
 * job engine) and is answered 200 at once: Intuit wants an answer within 3 s (reference §9.1).
 */
@injectable()
export class QboWebhookRoutes implements HttpRoutes {
  readonly name = 'qbo-webhooks';

  constructor(
    @inject(QBO_ENDPOINTS) private readonly endpoints: QboEndpoints,
    @inject(TOKENS.Database) private readonly database: Database,
    @inject(SYNC_REQUESTS) @optional() private readonly syncs: SyncRequests | undefined,
  ) {}

  register(router: AppRouter): void {
    router.post('/qbo/webhooks', async (ctx) => {
      const body = await readLimitedBody(ctx.req, WEBHOOK_BODY_LIMIT);
      if (!isSignedBy(body, ctx.get('intuit-signature') || undefined, this.endpoints.webhookVerifierToken)) {
        ctx.status = 401;
        ctx.body = '';
        return;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(decodeUtf8(body));
      } catch (error) {
        throw error instanceof AppError ? error : new AppError('malformed', 'The notification is not JSON.');
      }
      const realms = realmsOf(payload);
      // Without a job engine nothing can run the sync: Intuit is asked to send it again later.
      if (!this.syncs) throw new AppError('transient', 'Syncs cannot be requested just now.');
      const em = this.database.orm.em.fork() as EntityManager;
      for (const realmId of realms) {
        for (const connectionId of await connectionsOfRealm(em, realmId)) await this.syncs.request(connectionId, 'notification');
      }
      ctx.status = 200;
      ctx.body = '';
    });
  }
}
