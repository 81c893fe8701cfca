/**
 * The opening text of the API reference (OpenAPI `info.description`, Markdown): what holds for
 * every route, so no route has to repeat it.
 */
export const API_INTRODUCTION = `Keeps QuickBooks Desktop companies and the payments platform in sync. Partners call it with their API key; the QuickBooks side talks to it through the Web Connector.

**Authentication.** Send \`Authorization: Bearer <your API key>\` (partner routes) or the service's \`ADMIN_TOKEN\` (admin routes).

**Errors.** Every error answers the same shape, whatever the route: \`{ "error": { "kind", "message", "requestId", "problems"? } }\`. \`kind\` is a machine code (\`malformed\`, \`invalid\`, \`unauthorized\`, \`not-found\`, \`conflict\`, \`transient\`, \`needs-user-action\`, \`internal\`); \`message\` is written for a person; \`problems\` lists every invalid field at once; quote \`requestId\` when asking for help (send your own as \`X-Request-Id\` to trace a call).

**Money** is an exact decimal string with two places (\`"125.00"\`), never a number. Dates are \`YYYY-MM-DD\`; instants are ISO 8601 in UTC.

**Lists** come in pages: \`items\` and \`nextCursor\`, which you pass back as \`?cursor=\` until it is \`null\` (\`?limit=\` 1-200, default 50).

**Retries.** Send an \`Idempotency-Key\` (a new UUID per request) with every partner write: a retry with the same key gets the first answer back and nothing is done twice.

The machine-readable document is at [/api/openapi.json](/api/openapi.json).`;
