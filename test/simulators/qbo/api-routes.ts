import { IncomingMessage } from 'node:http';
import { runBatch } from './batch-runner';
import { runCdc } from './cdc-runner';
import { entityJson } from './entity-json';
import { Answer, jsonAnswer } from './http-io';
import { QboCompany } from './qbo-company';
import { QboFault } from './qbo-fault';
import { ENTITY_NAMES, EntityName, SimEntity } from './qbo-records';
import { runQuery } from './query-runner';
import { SimContext } from './sim-context';
import { dispatchWrite } from './write-dispatch';

/**
 * One authenticated, admitted API call on a company: query, CDC, read by Id, or a write
 * (../shared/reference/qbo-api.md §1.1). Answers `{<payload>, "time"}`; a QboFault becomes the
 * Fault shape with its HTTP status.
 */
export function apiCall(ctx: SimContext, company: QboCompany, req: IncomingMessage, rest: readonly string[], params: URLSearchParams, body: string): Answer {
  const time = ctx.clock.responseTime();
  try {
    const payload = route(ctx, company, req, rest, params, body);
    if (!payload) return { status: 404, body: 'Not Found', contentType: 'text/plain' };
    return jsonAnswer(200, { ...payload, time });
  } catch (error) {
    if (error instanceof QboFault) return jsonAnswer(error.status, error.body(time));
    throw error;
  }
}

function route(
  ctx: SimContext,
  company: QboCompany,
  req: IncomingMessage,
  rest: readonly string[],
  params: URLSearchParams,
  body: string,
): Record<string, unknown> | undefined {
  const [resource, id] = rest;
  const method = req.method ?? 'GET';
  if (resource === 'query' && rest.length === 1) {
    // Long statements are POSTed as the body with Content-Type application/text (§1.3).
    const statement = method === 'POST' ? body : params.get('query');
    if (!statement) throw QboFault.queryParser('Encountered "<EOF>". The query is empty');
    return { QueryResponse: runQuery(company, statement) };
  }
  if (resource === 'cdc' && rest.length === 1 && method === 'GET') {
    return runCdc(company, params.get('entities') ?? undefined, params.get('changedSince') ?? undefined) as Record<string, unknown>;
  }
  if (resource === 'batch' && rest.length === 1 && method === 'POST')
    return runBatch(company, parseJson(body), staleHook(ctx, company)) as Record<string, unknown>;
  if (resource === 'companyinfo' && method === 'GET' && id === company.realmId) {
    return { CompanyInfo: { CompanyName: company.name, LegalName: company.name, Country: 'US', domain: 'QBO', sparse: false, Id: '1', SyncToken: '0' } };
  }
  const entity = ENTITY_NAMES.find((name) => name.toLowerCase() === resource);
  if (!entity) return undefined;
  if (method === 'GET' && rest.length === 2) {
    const row = company.get(entity, id);
    if (!row) throw QboFault.notFound(entity, id);
    return { [entity]: entityJson(company, row) };
  }
  if (method === 'POST' && rest.length === 1) return write(ctx, company, entity, params, body);
  return undefined;
}

function write(ctx: SimContext, company: QboCompany, entity: EntityName, params: URLSearchParams, body: string): Record<string, unknown> {
  return company.as('api', () =>
    dispatchWrite(company, {
      entity,
      operation: params.get('operation') ?? undefined,
      include: (params.get('include') ?? '').split(',').filter(Boolean),
      body: parseJson(body),
      beforeCheck: staleHook(ctx, company),
    }),
  );
}

/** faults.staleOnce: a bookkeeper edit lands just before our write is checked. */
function staleHook(ctx: SimContext, company: QboCompany): (row: SimEntity) => void {
  return (row) => {
    if (ctx.faults.takeStale(row.entity, row.id)) company.as('bookkeeper', () => company.touch(row));
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new QboFault(400, '2010', 'Request has invalid or unsupported property', 'Request body is not valid JSON');
  }
}
