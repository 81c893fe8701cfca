import Router from '@koa/router';
import { expect } from 'chai';
import type { HttpRoutes } from '../../../core/runtime/http/http-routes';
import type { JsonSchema } from '../../../core/runtime/http/openapi/api-description';
import { openApiRoutes } from '../../../core/runtime/http/openapi/openapi-routes';
import { schemaProblems } from '../../../core/runtime/http/openapi/schema-problems';
import { TOKENS } from '../../../core/runtime/tokens';
import { PartnerApi } from '../../support/partner-api';
import { TestService, startTestService } from '../../support/test-service';

interface Media {
  schema: JsonSchema;
  example?: unknown;
}
interface Operation {
  operationId?: string;
  summary: string;
  requestBody?: { content: { 'application/json': Media } };
  responses: Record<string, { $ref?: string; content?: { 'application/json': Media } }>;
}

describe('GET /api/openapi.json', function () {
  this.timeout(30_000);
  let test: TestService;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let document: any;

  before(async () => {
    test = await startTestService();
    document = await (await fetch(`${test.url}/api/openapi.json`)).json();
  });
  after(async () => {
    await test?.stop();
  });

  /** Every /api route the real router serves, as `METHOD /path/{param}`, from the same contributions the service mounted. */
  function servedRoutes(): string[] {
    const contributions = test.service.container.getAll<HttpRoutes>(TOKENS.HttpRoutes);
    const router = new Router();
    for (const c of [...contributions, openApiRoutes(contributions, { title: 't', version: '0', serverUrl: test.url })]) c.register(router as never);
    return router.stack
      .map((layer) => ({ path: String(layer.path), methods: layer.methods }))
      .filter((layer) => layer.path.startsWith('/api'))
      .flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${layer.path.replace(/:([A-Za-z]+)/g, '{$1}')}`));
  }

  function documentedRoutes(): string[] {
    return Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
  }

  it('is an OpenAPI 3 document of this service', () => {
    expect(document.openapi).to.equal('3.0.3');
    expect(document.servers[0].url).to.equal(test.service.config.service.publicUrl);
  });

  it('describes exactly the /api routes the router serves, no more, no fewer', () => {
    const served = servedRoutes();
    expect(served.length).to.be.greaterThan(15);
    expect([...documentedRoutes()].sort()).to.deep.equal([...new Set(served)].sort());
  });

  it('gives every operation a summary, its success answer and the one error shape', () => {
    for (const [path, ops] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.summary, `${method} ${path}`).to.be.a('string').and.not.equal('');
        expect(
          Object.keys(op.responses).some((s) => s.startsWith('2')),
          `${method} ${path}`,
        ).to.equal(true);
        expect(op.responses['500'].$ref).to.equal('#/components/responses/Error');
      }
    }
  });

  function operations(): [string, Operation][] {
    return Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
    );
  }

  it('names every operation with a unique camelCase operationId', () => {
    const ids = operations().map(([route, op]) => {
      expect(op.operationId, route)
        .to.be.a('string')
        .and.match(/^[a-z][a-zA-Z0-9]*$/);
      return op.operationId;
    });
    expect(new Set(ids).size, 'operationIds are unique').to.equal(ids.length);
  });

  it('shows an example of every request body and JSON success answer, which its own schema accepts', () => {
    const problems: string[] = [];
    let examples = 0;
    for (const [route, op] of operations()) {
      const media = [
        ['request body', op.requestBody?.content['application/json']],
        ...Object.entries(op.responses)
          .filter(([status]) => status.startsWith('2'))
          .map(([status, r]) => [`${status} answer`, r.content?.['application/json']] as const),
      ] as const;
      for (const [what, m] of media) {
        if (!m) continue;
        if (m.example === undefined) problems.push(`${route}: the ${what} has no example`);
        else problems.push(...schemaProblems(m.schema, m.example, `${route} ${what}`).map((p) => `${p.at}: ${p.message}`));
        examples += 1;
      }
    }
    const error = document.components.responses.Error.content['application/json'] as Media;
    problems.push(...schemaProblems(error.schema, error.example, 'Error').map((p) => `${p.at}: ${p.message}`));
    expect(problems).to.deep.equal([]);
    expect(examples).to.be.greaterThan(operations().length);
  });

  it('opens with what holds for every route: the error shape, money as strings, the raw document', () => {
    expect(document.info.description)
      .to.include('{ "error": { "kind", "message", "requestId", "problems"? } }')
      .and.include('"125.00"')
      .and.include('/api/openapi.json');
  });

  it('answers every error with a machine code, a message and the request id', async () => {
    const api = await PartnerApi.createPartner(test.url);
    const answers = [
      await fetch(`${test.url}/api/nothing-here`, { headers: { 'x-request-id': 'req-0001' } }),
      await fetch(`${test.url}/api/connections`, { headers: { 'x-request-id': 'req-0002' } }),
      await fetch(`${test.url}/api/connections`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/json', 'x-request-id': 'req-0003' },
        body: '{"companyName": 7}',
      }),
      await fetch(`${test.url}/api/connections`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/json', 'x-request-id': 'req-0004' },
        body: '{oops',
      }),
    ];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const bodies = await Promise.all(answers.map(async (r) => ({ status: r.status, body: (await r.json()) as any })));
    expect(bodies.map((b) => b.status)).to.deep.equal([404, 401, 422, 400]);
    bodies.forEach((b, i) => {
      expect(b.body.error).to.include({ requestId: `req-000${i + 1}` });
      expect(b.body.error.kind).to.be.oneOf(document.components.responses.Error.content['application/json'].schema.properties.error.properties.kind.enum);
      expect(b.body.error.message).to.be.a('string').and.not.equal('');
    });
  });
});
