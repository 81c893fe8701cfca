/** A JSON Schema, as OpenAPI 3.0 takes it. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * What one route says about itself, beside its code: the OpenAPI document is assembled from
 * these, and a test checks that every /api route of the router has one (and no more).
 *
 * Start-up refuses a description without an operationId (camelCase, unique across the whole
 * API, never renamed: clients generate method names from it), a body without `bodyExample`, or
 * a response schema without `example`, and any example its own schema does not accept
 * (check-api-descriptions.ts): the reference at /api/docs shows the examples as they are.
 *
 * @example
 * {
 *   'GET /api/connections/:id': {
 *     operationId: 'getConnection', summary: 'One connection', auth: 'partner',
 *     response: { status: 200, schema: CONNECTION, example: { id: 'c0a8...', companyName: 'Café Ñandú & Sons', ... } },
 *   },
 * }
 */
export interface ApiOperation {
  /** camelCase verb first (`createConnection`, `listInvoices`); unique and stable. */
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  /** Who may call it: a partner's API key, the admin token, or anyone. */
  readonly auth: 'partner' | 'admin' | 'none';
  readonly query?: readonly { readonly name: string; readonly description: string; readonly schema?: JsonSchema }[];
  readonly body?: JsonSchema;
  /** A realistic request body; required with `body` and checked against it. */
  readonly bodyExample?: unknown;
  readonly response: {
    readonly status: number;
    readonly description?: string;
    readonly schema?: JsonSchema;
    /** A realistic answer; required with `schema` and checked against it. */
    readonly example?: unknown;
  };
}

/**
 * An event this service POSTs to partners' endpoints (webhooks), documented beside the routes as
 * OpenAPI `x-webhooks`: the document is 3.0, which has no top-level `webhooks` (3.1 does, but it
 * drops `nullable`, which every schema here uses); the reference renderer shows `x-webhooks`.
 */
export interface WebhookEventDescription {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly body: JsonSchema;
  readonly bodyExample: unknown;
}

/** Keyed by event type (`invoice.created`). */
export type WebhookEventDescriptions = Readonly<Record<string, WebhookEventDescription>>;

/** Keyed by `METHOD /path` with Koa's `:param` syntax, as the route is registered. */
export type ApiDescription = Readonly<Record<string, ApiOperation>>;

// Small builders, so descriptions read like the answers they describe.
export const str = (description?: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...(description ? { description } : {}), ...extra });
export const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, nullable: true });
export const int = (description?: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', ...(description ? { description } : {}), ...extra });
export const bool = (description?: string): JsonSchema => ({ type: 'boolean', ...(description ? { description } : {}) });
export const money = (description = 'Exact decimal amount, two places, as a string'): JsonSchema => ({
  type: 'string',
  pattern: '^-?\\d+\\.\\d{2}$',
  description,
});
export const date = (description?: string): JsonSchema => ({ type: 'string', format: 'date', ...(description ? { description } : {}) });
export const list = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
export function obj(properties: Record<string, JsonSchema>, required: readonly string[] = Object.keys(properties)): JsonSchema {
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}
/** A map from any key to values of one schema, e.g. counts by kind. */
export const dict = (values: JsonSchema, description?: string): JsonSchema => ({
  type: 'object',
  additionalProperties: values,
  ...(description ? { description } : {}),
});
/** A page of a list route: `items` and the cursor of the next page (null on the last). */
export const page = (item: JsonSchema): JsonSchema => obj({ items: list(item), nextCursor: nullable(str('Pass as ?cursor= for the next page')) });
/** The `limit` and `cursor` query parameters every paged route takes. */
export const PAGE_QUERY = [
  { name: 'limit', description: 'Items per page, 1-200 (default 50)', schema: int(undefined, { minimum: 1, maximum: 200 }) },
  { name: 'cursor', description: 'nextCursor of the previous page' },
] as const;
