import { IncomingMessage, ServerResponse } from 'node:http';
import { apiCall } from './api-routes';
import { authenticationFailedBody, throttledFault, throttledXml } from './qbo-fault';
import { Answer, jsonAnswer, readBody, send } from './http-io';
import { authorize, revoke, token } from './oauth-routes';
import { MAX_REQUEST_ID, RequestIds } from './request-ids';
import { LoggedRequest, SimContext } from './sim-context';

export const AUTHORIZE_PATH = '/connect/oauth2';
export const TOKEN_PATH = '/oauth2/v1/tokens/bearer';
export const REVOKE_PATH = '/v2/oauth2/tokens/revoke';

/** The simulator's one HTTP handler: OAuth endpoints, then `/v3/company/{realmId}/…`. */
export function createRouter(ctx: SimContext): (req: IncomingMessage, res: ServerResponse) => void {
  const requestIds = new RequestIds();
  return (req, res) => {
    handle(ctx, requestIds, req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(
          res,
          jsonAnswer(500, { Fault: { Error: [{ Message: 'An application error has occurred', Detail: String(error), code: '10000' }], type: 'SystemFault' } }),
        );
      else res.destroy();
    });
  };
}

async function handle(ctx: SimContext, requestIds: RequestIds, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const method = req.method ?? 'GET';
  if (url.pathname === AUTHORIZE_PATH && (method === 'GET' || method === 'POST')) {
    return send(res, authorize(ctx, method, method === 'POST' ? new URLSearchParams(await readBody(req)) : url.searchParams));
  }
  if (url.pathname === TOKEN_PATH && method === 'POST') return tokenCall(ctx, req, res);
  if (url.pathname === REVOKE_PATH && method === 'POST') return send(res, revoke(ctx, req, await readBody(req)));

  const match = /^\/v3\/company\/([^/]+)\/(.+)$/.exec(url.pathname);
  if (!match) return send(res, { status: 404, body: 'Not Found', contentType: 'text/plain' });
  const realmId = decodeURIComponent(match[1]);
  const query = Object.fromEntries(url.searchParams);
  const entry: LoggedRequest = { method, path: url.pathname, query, realmId, requestId: query.requestid, status: 0 };
  ctx.requests.push(entry);
  const answer = (a: Answer) => {
    entry.status = a.status;
    send(res, a);
  };

  const auth = (req.headers.authorization ?? '').match(/^Bearer (.+)$/)?.[1];
  const check = ctx.tokens.check(auth, realmId);
  const company = ctx.companies.get(realmId);
  if (!check.ok || !company) return answer(jsonAnswer(401, authenticationFailedBody(check.ok ? 'Unknown company' : check.detail, ctx.clock.now().getTime())));

  const forced = ctx.faults.takeThrottle();
  const admitted = !forced && ctx.faults.enter(realmId, ctx.clock.now().getTime());
  if (!admitted) {
    const time = ctx.clock.responseTime();
    // UNVERIFIED (A.14): whether live 429s carry Retry-After; Intuit says wait 60 s.
    return answer(forced?.xml ? { status: 429, body: throttledXml(time), contentType: 'application/xml' } : jsonAnswer(429, throttledFault().body(time)));
  }
  try {
    // Counted in flight from its headers on: a slow upload holds a slot, as it would live.
    const body = method === 'POST' ? await readBody(req) : '';
    if (entry.requestId !== undefined && entry.requestId.length > MAX_REQUEST_ID) {
      return answer(
        jsonAnswer(400, {
          Fault: {
            Error: [{ Message: 'Invalid RequestId', Detail: `requestid is longer than ${MAX_REQUEST_ID} characters`, code: '2010', element: 'requestid' }],
            type: 'ValidationFault',
          },
          time: ctx.clock.responseTime(),
        }),
      );
    }
    const seen = { method, path: url.pathname, query };
    const before = ctx.faults.takeServerError(seen, false);
    if (before !== undefined) return answer(systemFault(ctx, before));
    const replay = requestIds.replay(realmId, entry.requestId);
    const result = replay ?? apiCall(ctx, company, req, match[2].split('/').map(decodeURIComponent), url.searchParams, body);
    if (!replay) requestIds.remember(realmId, entry.requestId, result);
    const after = ctx.faults.takeServerError(seen, true);
    if (after !== undefined) return answer(systemFault(ctx, after));
    if (ctx.faults.takeLoseAnswer(seen)) {
      entry.status = result.status;
      entry.lost = true;
      res.destroy();
      return;
    }
    answer(result);
  } finally {
    ctx.faults.leave(realmId);
  }
}

/** The token endpoint, logged in `tokenRequests`; loseAnswer can cut it after the grant (a rotated token the app never saw). */
async function tokenCall(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const grantType = new URLSearchParams(body).get('grant_type') ?? '';
  const result = token(ctx, req, body);
  const entry = { grantType, status: result.status, lost: false };
  ctx.tokenRequests.push(entry);
  if (ctx.faults.takeLoseAnswer({ method: 'POST', path: TOKEN_PATH, query: { grant_type: grantType } })) {
    entry.lost = true;
    res.destroy();
    return;
  }
  send(res, result);
}

function systemFault(ctx: SimContext, status: number): Answer {
  return jsonAnswer(status, {
    Fault: {
      Error: [{ Message: 'An application error has occurred while processing your request', Detail: 'System Failure Error: simulated', code: '10000' }],
      type: 'SystemFault',
    },
    time: ctx.clock.responseTime(),
  });
}
