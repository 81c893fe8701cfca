import type { HttpRoutes } from '../http-routes';
import type { ApiOperation } from './api-description';
import { API_INTRODUCTION } from './api-introduction';
import { checkApiDescriptions } from './check-api-descriptions';

/** Every error answer has this shape, whatever the route (see error-boundary). */
export const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['kind', 'message', 'requestId'],
      properties: {
        kind: {
          type: 'string',
          enum: ['malformed', 'invalid', 'unauthorized', 'not-found', 'conflict', 'transient', 'needs-user-action', 'internal'],
          description: 'Machine code of the error',
        },
        message: { type: 'string', description: 'What went wrong, in words a partner can act on' },
        requestId: { type: 'string', description: 'Quote it when asking for help: it finds the request in our logs' },
        problems: {
          type: 'array',
          items: { type: 'object', properties: { at: { type: 'string' }, message: { type: 'string' } } },
          description: 'Each invalid field, all at once',
        },
      },
    },
  },
};

export const ERROR_EXAMPLE = {
  error: {
    kind: 'invalid',
    message: 'The payment is not valid.\n  - amount: must be a decimal with at most 2 decimals and 13 integer digits, such as "12.34"',
    requestId: '3f6c2a9e-8d41-4b7a-9f0e-5c1d2b7a8e64',
    problems: [{ at: 'amount', message: 'must be a decimal with at most 2 decimals and 13 integer digits, such as "12.34"' }],
  },
};

const ERRORS_BY_AUTH: Record<ApiOperation['auth'], number[]> = { partner: [401, 404, 422], admin: [401, 422], none: [404] };

/** `/api/connections/:id` -> `/api/connections/{id}`, and the names of its path parameters. */
function openApiPath(koaPath: string): { path: string; params: string[] } {
  const params: string[] = [];
  const path = koaPath.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path, params };
}

/** Every partner write takes one (core/runtime/http/idempotency.ts). */
const IDEMPOTENCY_KEY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', minLength: 16, maxLength: 255 },
  description:
    'A new random value (a UUID) for each new request. Sent again with the same body within 24 hours, the first answer comes back (with Idempotent-Replayed: true) and nothing is done twice; with another body, 422; while the first is still running, 409.',
};

/**
 * Assembles the OpenAPI 3 document from what each route contribution says about itself, after
 * checking the descriptions (check-api-descriptions.ts): it throws at start-up rather than
 * publish an operation without its operationId or examples.
 */
export function openApiDocument(contributions: readonly HttpRoutes[], info: { title: string; version: string; serverUrl: string }) {
  checkApiDescriptions(contributions);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const contribution of contributions) {
    for (const [key, op] of Object.entries(contribution.api ?? {})) {
      const [method, koaPath] = key.split(' ');
      const { path, params } = openApiPath(koaPath);
      const errors = Object.fromEntries([...ERRORS_BY_AUTH[op.auth], 500].map((s) => [String(s), { $ref: '#/components/responses/Error' }]));
      paths[path] = {
        ...paths[path],
        [method.toLowerCase()]: {
          operationId: op.operationId,
          summary: op.summary,
          ...(op.description ? { description: op.description } : {}),
          tags: [contribution.name],
          security: op.auth === 'partner' ? [{ partnerKey: [] }] : op.auth === 'admin' ? [{ adminToken: [] }] : [],
          parameters: [
            ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
            ...(op.query ?? []).map((q) => ({
              name: q.name,
              in: 'query',
              required: false,
              description: q.description,
              schema: q.schema ?? { type: 'string' },
            })),
            ...(op.auth === 'partner' && method !== 'GET' ? [IDEMPOTENCY_KEY_PARAMETER] : []),
          ],
          ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: op.body, example: op.bodyExample } } } } : {}),
          responses: {
            [String(op.response.status)]: {
              description: op.response.description ?? op.summary,
              ...(op.response.schema ? { content: { 'application/json': { schema: op.response.schema, example: op.response.example } } } : {}),
            },
            ...errors,
          },
        },
      };
    }
  }
  const webhooks = webhookEvents(contributions);
  return {
    openapi: '3.0.3',
    info: { title: info.title, version: info.version, description: API_INTRODUCTION },
    servers: [{ url: info.serverUrl }],
    paths,
    ...(Object.keys(webhooks).length > 0 ? { 'x-webhooks': webhooks } : {}),
    components: {
      securitySchemes: {
        partnerKey: { type: 'http', scheme: 'bearer', description: "The partner's API key" },
        adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN of the service' },
      },
      responses: {
        Error: { description: 'The request was refused or failed', content: { 'application/json': { schema: ERROR_SCHEMA, example: ERROR_EXAMPLE } } },
      },
    },
  };
}

/** The three headers of every delivery (Standard Webhooks). */
const WEBHOOK_HEADERS = [
  { name: 'webhook-id', description: 'The event id (msg_…): the same on every retry, so a receiver drops repeats by it' },
  { name: 'webhook-timestamp', description: "This attempt's time, Unix seconds (not the event's time: that is the body's timestamp)" },
  {
    name: 'webhook-signature',
    description: 'v1, + base64 HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<raw body>`, keyed by the base64-decoded part of the secret after whsec_',
  },
].map((h) => ({ ...h, in: 'header', required: true, schema: { type: 'string' } }));

/** `x-webhooks`: one POST per event type, as its receivers get it. */
function webhookEvents(contributions: readonly HttpRoutes[]): Record<string, unknown> {
  const events: Record<string, unknown> = {};
  for (const contribution of contributions) {
    for (const [type, event] of Object.entries(contribution.webhooks ?? {})) {
      events[type] = {
        post: {
          operationId: event.operationId,
          summary: event.summary,
          ...(event.description ? { description: event.description } : {}),
          tags: [`${contribution.name} events`],
          parameters: WEBHOOK_HEADERS,
          requestBody: { required: true, content: { 'application/json': { schema: event.body, example: event.bodyExample } } },
          responses: { '200': { description: 'Any 2xx within 15 s: delivered. Anything else is retried; 410 disables the endpoint.' } },
        },
      };
    }
  }
  return events;
}
