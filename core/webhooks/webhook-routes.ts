import { inject, injectable } from 'inversify';
import type { AppRouter, HttpRoutes } from '../runtime/http/http-routes';
import { readJsonBody } from '../runtime/http/read-json-body';
import { partnerRoutes, requirePartner } from '../runtime/http/require-partner';
import { TOKENS } from '../runtime/tokens';
import { WebhookEndpoints } from './endpoints/webhook-endpoints';
import { WEBHOOK_API } from './webhook-api';
import { WEBHOOK_EVENTS_API } from './webhook-events-api';

/** /api/webhooks: a partner's endpoints and their deliveries (WebhookEndpoints holds the rules). */
@injectable()
export class WebhookRoutes implements HttpRoutes {
  readonly name = 'webhooks';
  readonly api = WEBHOOK_API;
  readonly webhooks = WEBHOOK_EVENTS_API;

  constructor(
    @inject(WebhookEndpoints) private readonly endpoints: WebhookEndpoints,
    @inject(TOKENS.Clock) private readonly clock: () => Date,
  ) {}

  register(router: AppRouter): void {
    const r = partnerRoutes(router);
    const auth = requirePartner(this.clock);

    r.post('/api/webhooks', auth, async (ctx) => {
      ctx.status = 201;
      ctx.body = await this.endpoints.create(ctx.state.em, ctx.state.partner.id, await readJsonBody(ctx), this.clock());
    });
    r.get('/api/webhooks', auth, async (ctx) => {
      ctx.body = await this.endpoints.list(ctx.state.em, ctx.state.partner.id);
    });
    r.patch('/api/webhooks/:id', auth, async (ctx) => {
      ctx.body = await this.endpoints.update(ctx.state.em, ctx.state.partner.id, ctx.params.id, await readJsonBody(ctx), this.clock());
    });
    r.delete('/api/webhooks/:id', auth, async (ctx) => {
      await this.endpoints.remove(ctx.state.em, ctx.state.partner.id, ctx.params.id);
      ctx.status = 204;
    });
    r.post('/api/webhooks/:id/test', auth, async (ctx) => {
      ctx.status = 202;
      ctx.body = await this.endpoints.test(ctx.state.em, ctx.state.partner.id, ctx.params.id, this.clock());
    });
    r.get('/api/webhooks/:id/deliveries', auth, async (ctx) => {
      const { cursor, limit, state } = ctx.query;
      ctx.body = await this.endpoints.deliveries(ctx.state.em, ctx.state.partner.id, ctx.params.id, { cursor, limit, state });
    });
    r.post('/api/webhooks/:id/deliveries/:deliveryId/retry', auth, async (ctx) => {
      ctx.status = 202;
      ctx.body = await this.endpoints.retry(ctx.state.em, ctx.state.partner.id, ctx.params.id, ctx.params.deliveryId, this.clock());
    });
  }
}
