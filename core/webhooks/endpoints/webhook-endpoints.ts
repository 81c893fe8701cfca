import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors/app-error';
import { UUID_PATTERN } from '../../validation/uuid';
import { vetWebhookUrl } from '../outbound/vet-webhook-url';
import { newWebhookSecret } from '../outbound/webhook-signature';
import { WEBHOOK_TOKENS, type WebhookOutbound } from '../webhook-tokens';
import { decodeDeliveryCursor, deliveryPageSize, encodeDeliveryCursor } from './delivery-cursor';
import { type DeliveryState, deliveriesOf, deliveryOf, insertTestEvent, retryDelivery } from './delivery-store';
import { readEndpointChange, readNewEndpoint } from './endpoint-input';
import { deleteEndpoint, endpointOf, endpointsOf, insertEndpoint, updateEndpoint } from './endpoint-store';
import { deliveryView, endpointView } from './endpoint-view';

/** More would be a misuse (one receiver can take every type); the limit also bounds the fan-out of each event. */
export const MAX_ENDPOINTS = 20;
const STATES: readonly DeliveryState[] = ['pending', 'delivered', 'failed'];

const notFound = () => new AppError('not-found', 'No such webhook.');

/**
 * A partner's webhook endpoints and their deliveries: the rules behind /api/webhooks. Every URL
 * is vetted (public address, https unless allowed) when it is given, as it is again at each delivery.
 */
@injectable()
export class WebhookEndpoints {
  constructor(@inject(WEBHOOK_TOKENS.Outbound) private readonly outbound: WebhookOutbound) {}

  async create(em: EntityManager, partnerId: string, body: unknown, now: Date) {
    const input = readNewEndpoint(body);
    const url = (await vetWebhookUrl(input.url, this.outbound)).url.href;
    const id = randomUUID();
    const secret = newWebhookSecret();
    const added = await insertEndpoint(em, { id, partnerId, url, events: input.events, secret }, MAX_ENDPOINTS, now);
    if (!added) throw new AppError('conflict', `A partner can have at most ${MAX_ENDPOINTS} webhooks; delete one first.`);
    return { id, url, events: input.events, enabled: true, secret, createdAt: now.toISOString() };
  }

  async list(em: EntityManager, partnerId: string) {
    return { items: (await endpointsOf(em, partnerId)).map(endpointView) };
  }

  async update(em: EntityManager, partnerId: string, id: string, body: unknown, now: Date) {
    // The body is read first: a body that can never be right is refused (422) whichever id it is sent to.
    const change = readEndpointChange(body);
    await this.owned(em, partnerId, id);
    const url = change.url === undefined ? undefined : (await vetWebhookUrl(change.url, this.outbound)).url.href;
    if (!(await updateEndpoint(em, partnerId, id, { ...change, url }, now))) throw notFound();
    return this.view(em, partnerId, id);
  }

  async remove(em: EntityManager, partnerId: string, id: string): Promise<void> {
    if (!UUID_PATTERN.test(id) || !(await deleteEndpoint(em, partnerId, id))) throw notFound();
  }

  /** One `webhook.test` event to this endpoint only; a disabled one is refused (nothing would be sent). */
  async test(em: EntityManager, partnerId: string, id: string, now: Date) {
    const endpoint = await this.owned(em, partnerId, id);
    if (!endpoint.enabled) throw new AppError('conflict', 'This webhook is disabled: enable it first, then send a test.');
    return insertTestEvent(em, partnerId, id, { webhookId: id, message: 'A test event, sent from the API or the dashboard.' }, now);
  }

  async deliveries(em: EntityManager, partnerId: string, id: string, query: { cursor?: unknown; limit?: unknown; state?: unknown }) {
    await this.owned(em, partnerId, id);
    const limit = deliveryPageSize(query.limit);
    const state = query.state === undefined ? undefined : STATES.find((s) => s === query.state);
    if (query.state !== undefined && !state)
      throw new AppError('invalid', `state must be one of: ${STATES.join(', ')}.`, {
        problems: [{ at: 'state', message: `must be one of: ${STATES.join(', ')}` }],
      });
    const rows = await deliveriesOf(em, id, { limit, beforeSeq: decodeDeliveryCursor(query.cursor), state });
    const last = rows[rows.length - 1];
    return { items: rows.map(deliveryView), nextCursor: rows.length === limit && last ? encodeDeliveryCursor(last.seq) : null };
  }

  async retry(em: EntityManager, partnerId: string, id: string, deliveryId: string, now: Date) {
    await this.owned(em, partnerId, id);
    if (!UUID_PATTERN.test(deliveryId) || !(await retryDelivery(em, id, deliveryId, now))) throw new AppError('not-found', 'No such delivery of this webhook.');
    return deliveryView((await deliveryOf(em, id, deliveryId))!);
  }

  async view(em: EntityManager, partnerId: string, id: string) {
    return endpointView(await this.owned(em, partnerId, id));
  }

  /** Another partner's webhook answers exactly like a missing one. */
  private async owned(em: EntityManager, partnerId: string, id: string) {
    const row = UUID_PATTERN.test(id) ? await endpointOf(em, partnerId, id) : undefined;
    if (!row) throw notFound();
    return row;
  }
}
