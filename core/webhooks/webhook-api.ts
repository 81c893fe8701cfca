import { ApiDescription, PAGE_QUERY, bool, int, list, nullable, obj, page, str } from '../runtime/http/openapi/api-description';
import { WEBHOOK_EVENT_TYPES } from './webhook-event-types';

const ID = 'b3c1f0d2-5e7a-4c9b-8f21-6a0d4e9c7b15';
const at = (description: string) => nullable(str(description, { format: 'date-time' }));
const EVENTS = nullable({ ...list(str(undefined, { enum: [...WEBHOOK_EVENT_TYPES] })), description: 'The event types sent to it; null means every type' });

/** How a delivery reaches the receiver: said once, on the route that registers one. */
const DELIVERY_CONTRACT = `Events follow Standard Webhooks (standardwebhooks.com), so its receiver libraries (npm \`standardwebhooks\`) verify them. Each delivery is an HTTP POST with:

- \`webhook-id\`: the event's id (\`msg_…\`), the same on every retry: drop repeats by it;
- \`webhook-timestamp\`: this attempt's time, Unix seconds;
- \`webhook-signature\`: \`v1,\` + base64 HMAC-SHA256 of \`<webhook-id>.<webhook-timestamp>.<body>\`, keyed by the base64 bytes after \`whsec_\` of the secret answered here (shown only now);

and the JSON body \`{ "type": "invoice.created", "timestamp": "<event time, ISO 8601>", "data": { … } }\`, where \`data\` has the shape of the REST resource. A 2xx within 15 s counts as delivered; redirects are not followed; failures are retried for about three days, in order per connection; a 410 disables the webhook. The URL must be https and reach a public address.`;

const CREATED = obj({ id: str(), url: str(), events: EVENTS, enabled: bool(), secret: str('whsec_ + base64: shown only in this answer'), createdAt: str() });
const ENDPOINT = obj({
  id: str(),
  url: str(),
  events: EVENTS,
  enabled: bool(),
  disabledAt: at('When it was disabled'),
  disabledReason: nullable(str('Why it was disabled')),
  failingSince: at('Start of an unbroken run of failed deliveries'),
  createdAt: str(),
  stats: obj({ pending: int('Deliveries waiting or being retried'), failed: int('Deliveries that gave up') }),
});
const DELIVERY = obj({
  id: str(),
  eventId: str('The webhook-id header'),
  type: str(),
  connectionId: nullable(str()),
  state: str(undefined, { enum: ['pending', 'delivered', 'failed'] }),
  attempts: int(),
  lastStatus: nullable(int('HTTP status of the last attempt')),
  lastError: nullable(str()),
  lastAttemptAt: at('Last attempt'),
  nextAttemptAt: at('Next attempt, while pending'),
  deliveredAt: at('When a 2xx came back'),
  createdAt: str(),
});

const ENDPOINT_EXAMPLE = {
  id: ID,
  url: 'https://hooks.example.com/qb',
  events: ['invoice.created', 'payment.posted'],
  enabled: true,
  disabledAt: null,
  disabledReason: null,
  failingSince: null,
  createdAt: '2026-12-02T10:00:00.000Z',
  stats: { pending: 0, failed: 0 },
};
const DELIVERY_EXAMPLE = {
  id: '0f5d7c1e-2a4b-4e8f-9c3d-1b2a3c4d5e6f',
  eventId: 'msg_2b7f0c9a4d1e4f6a8b3c5d7e9f1a2b3c',
  type: 'invoice.created',
  connectionId: 'c0a80101-7d3e-4b1a-9e2f-3c4d5e6f7a8b',
  state: 'pending',
  attempts: 2,
  lastStatus: 503,
  lastError: 'HTTP 503',
  lastAttemptAt: '2026-12-02T10:05:05.000Z',
  nextAttemptAt: '2026-12-02T10:35:05.000Z',
  deliveredAt: null,
  createdAt: '2026-12-02T10:00:00.000Z',
};

export const WEBHOOK_API: ApiDescription = {
  'POST /api/webhooks': {
    operationId: 'createWebhook',
    summary: 'Register a webhook endpoint',
    description: `At most 20 per partner. Leave out \`events\` for every type.\n\n${DELIVERY_CONTRACT}`,
    auth: 'partner',
    body: obj({ url: str('https URL of your receiver'), events: EVENTS }, ['url']),
    bodyExample: { url: ENDPOINT_EXAMPLE.url, events: ENDPOINT_EXAMPLE.events },
    response: {
      status: 201,
      schema: CREATED,
      example: {
        id: ID,
        url: ENDPOINT_EXAMPLE.url,
        events: ENDPOINT_EXAMPLE.events,
        enabled: true,
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        createdAt: ENDPOINT_EXAMPLE.createdAt,
      },
    },
  },
  'GET /api/webhooks': {
    operationId: 'listWebhooks',
    summary: "The partner's webhook endpoints (without their secrets)",
    auth: 'partner',
    response: { status: 200, schema: obj({ items: list(ENDPOINT) }), example: { items: [ENDPOINT_EXAMPLE] } },
  },
  'PATCH /api/webhooks/:id': {
    operationId: 'updateWebhook',
    summary: 'Change its URL or event types, or disable / enable it',
    description: 'A new URL is checked as at registration. `enabled: true` on a disabled webhook clears why it was disabled and sends what waited, now.',
    auth: 'partner',
    body: obj({ url: str(), events: EVENTS, enabled: bool() }, []),
    bodyExample: { enabled: true },
    response: { status: 200, schema: ENDPOINT, example: ENDPOINT_EXAMPLE },
  },
  'DELETE /api/webhooks/:id': {
    operationId: 'deleteWebhook',
    summary: 'Delete a webhook endpoint and its deliveries',
    auth: 'partner',
    response: { status: 204, description: 'Deleted' },
  },
  'POST /api/webhooks/:id/test': {
    operationId: 'testWebhook',
    summary: 'Send a webhook.test event to this endpoint only',
    description: '`data` is `{ webhookId, message }`. Sent even when the endpoint does not list the type.',
    auth: 'partner',
    response: {
      status: 202,
      schema: obj({ eventId: str(), deliveryId: str() }),
      example: { eventId: DELIVERY_EXAMPLE.eventId, deliveryId: DELIVERY_EXAMPLE.id },
    },
  },
  'GET /api/webhooks/:id/deliveries': {
    operationId: 'listWebhookDeliveries',
    summary: 'Deliveries to this endpoint, newest event first',
    auth: 'partner',
    query: [
      ...PAGE_QUERY,
      { name: 'state', description: 'Only pending, delivered or failed ones', schema: str(undefined, { enum: ['pending', 'delivered', 'failed'] }) },
    ],
    response: { status: 200, schema: page(DELIVERY), example: { items: [DELIVERY_EXAMPLE], nextCursor: null } },
  },
  'POST /api/webhooks/:id/deliveries/:deliveryId/retry': {
    operationId: 'retryWebhookDelivery',
    summary: 'Send a delivery again, from its first attempt',
    description: 'For a failed delivery, or to replay a delivered one: it becomes pending, with no attempts, due now.',
    auth: 'partner',
    response: { status: 202, schema: DELIVERY, example: { ...DELIVERY_EXAMPLE, attempts: 0, nextAttemptAt: DELIVERY_EXAMPLE.createdAt } },
  },
};
