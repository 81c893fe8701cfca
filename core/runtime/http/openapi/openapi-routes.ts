import type { HttpRoutes } from '../http-routes';
import { obj, str } from './api-description';
import { API_REFERENCE_CSP, apiReferencePage } from './api-reference-page';
import { openApiDocument } from './openapi-document';

const SELF = 'api-docs';

/**
 * `GET /api/openapi.json` (the OpenAPI 3 document of every /api route, itself included) and
 * `GET /api/docs` (the same rendered by Redoc, served from our origin with its scripts under
 * /docs/assets/). Built from the other contributions at start-up, which fails if one of them
 * describes a route without its operationId or examples.
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
          schema: obj({ openapi: str(), info: obj({ title: str(), version: str(), description: str() }, ['title', 'version']), paths: { type: 'object' } }, [
            'openapi',
            'info',
            'paths',
          ]),
          example: { openapi: '3.0.3', info: { title: 'QuickBooks Desktop sync', version: '0.1.0' }, paths: {} },
        },
      },
      'GET /api/docs': {
        operationId: 'getApiReference',
        summary: 'This API as a readable page',
        auth: 'none',
        response: { status: 200, description: 'An HTML page (Redoc)' },
      },
    },
    register(router) {
      const document = openApiDocument([...others, self], info);
      router.get('/api/openapi.json', (ctx) => {
        ctx.body = document;
      });
      for (const [path, file] of apiReferencePage({ title: info.title, specUrl: '/api/openapi.json' })) {
        router.get(path, (ctx) => {
          ctx.set('Content-Security-Policy', API_REFERENCE_CSP);
          ctx.set('X-Content-Type-Options', 'nosniff');
          ctx.set('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
          ctx.type = file.type;
          ctx.body = file.body;
        });
      }
    },
  };
  return self;
}
