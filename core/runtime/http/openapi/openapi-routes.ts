import type { HttpRoutes } from '../http-routes';
import { escapeHtml } from './escape-html';
import { obj, str } from './api-description';
import { openApiDocument } from './openapi-document';

const SELF = 'api-docs';

/**
 * `GET /api/openapi.json` (the OpenAPI 3 document of every /api route, itself included) and
 * `GET /api/docs` (the same as a readable page). Built from the other contributions at start-up.
 */
export function openApiRoutes(others: readonly HttpRoutes[], info: { title: string; version: string; serverUrl: string }): HttpRoutes {
  const self: HttpRoutes = {
    name: SELF,
    api: {
      'GET /api/openapi.json': {
        operationId: 'getOpenApiDocument',
        summary: 'This API as an OpenAPI 3 document',
        auth: 'none',
        response: {
          status: 200,
          schema: obj({ openapi: str(), info: obj({ title: str(), version: str(), description: str() }, ['title', 'version']), paths: { type: 'object' } }, ['openapi', 'info', 'paths']),
          example: { openapi: '3.0.3', info: { title: 'QuickBooks Desktop sync', version: '0.1.0' }, paths: {} },
        },
      },
      'GET /api/docs': { operationId: 'getApiReference', summary: 'This API as a readable page', auth: 'none', response: { status: 200, description: 'An HTML page' } },
    },
    register(router) {
      const document = openApiDocument([...others, self], info);
      router.get('/api/openapi.json', (ctx) => {
        ctx.body = document;
      });
      router.get('/api/docs', (ctx) => {
        ctx.type = 'html';
        ctx.body = renderDocs(document);
      });
    },
  };
  return self;
}

type Doc = ReturnType<typeof openApiDocument>;
interface RenderedOperation {
  summary: string;
  description?: string;
  security: unknown[];
  parameters: { name: string; in: string; description?: string }[];
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  responses: Record<string, { description: string; content?: { 'application/json': { schema: unknown } } }>;
}

/** A plain page: one section per route with its parameters, body and answer. */
function renderDocs(document: Doc): string {
  const sections = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, RenderedOperation>).map(([method, op]) => {
      const ok = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
      const schema = (value: unknown) => `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
      return `<section><h2><code>${method.toUpperCase()} ${escapeHtml(path)}</code></h2><p>${escapeHtml(op.summary)}</p>
${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}
<p>Auth: ${op.security.length ? escapeHtml(Object.keys(op.security[0] as object)[0]) : 'none'}</p>
${op.parameters.length ? `<ul>${op.parameters.map((p) => `<li><code>${escapeHtml(p.name)}</code> (${p.in})${p.description ? `: ${escapeHtml(p.description)}` : ''}</li>`).join('')}</ul>` : ''}
${op.requestBody ? `<h3>Body</h3>${schema(op.requestBody.content['application/json'].schema)}` : ''}
${ok ? `<h3>${ok[0]}: ${escapeHtml(ok[1].description)}</h3>${ok[1].content ? schema(ok[1].content['application/json'].schema) : ''}` : ''}</section>`;
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)} API</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f5f7;padding:.75rem;overflow:auto}section{border-top:1px solid #ddd;padding-top:.5rem}</style></head>
<body><h1>${escapeHtml(document.info.title)} API ${escapeHtml(document.info.version)}</h1>
<p>Errors always answer <code>{ "error": { "kind", "message", "requestId" } }</code>. Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
${sections.join('\n')}</body></html>`;
}
