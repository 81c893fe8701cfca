import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { decodeUtf8, readLimitedBody } from '../../../core/runtime/http/read-limited-body';
import { TOKENS } from '../../../core/runtime/tokens';
import type { Database } from '../../../core/store/open-database';
import { QBO_API_ENDPOINTS, QboApiEndpoints } from '../client/qbo-access';
import { connectionsOfRealm } from './connections-of-realm';
import { SYNC_REQUESTS, SyncRequests } from './sync-requests';
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
    @inject(QBO_API_ENDPOINTS) private readonly endpoints: QboApiEndpoints,
    @inject(TOKENS.Database) private readonly database: Database,
    @inject(SYNC_REQUESTS) private readonly syncs: SyncRequests,
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
      const em = this.database.orm.em.fork() as EntityManager;
      for (const realmId of realmsOf(payload)) {
        for (const connectionId of await connectionsOfRealm(em, realmId)) await this.syncs.request(connectionId, 'notification');
      }
      ctx.status = 200;
      ctx.body = '';
    });
  }
}
