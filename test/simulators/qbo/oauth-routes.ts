import { IncomingMessage } from 'node:http';
import { Answer, escapeHtml, htmlAnswer, jsonAnswer, redirectAnswer } from './http-io';
import { SimContext } from './sim-context';

const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

/**
 * The authorize endpoint (§2.2). GET shows a consent page, as Intuit's sign-in does; its Connect
 * button POSTs the same parameters back and the answer redirects to redirect_uri with code,
 * state and realmId. Problems the redirect_uri can't be trusted with are shown as a page.
 */
export function authorize(ctx: SimContext, method: string, params: URLSearchParams): Answer {
  const clientId = params.get('client_id');
  const redirectUri = params.get('redirect_uri') ?? '';
  if (clientId !== ctx.options.clientId) return htmlAnswer(400, page('Error', '<p>invalid_client: this app is not known.</p>'));
  if (!/^https?:\/\//.test(redirectUri) || (ctx.options.redirectUris && !ctx.options.redirectUris.includes(redirectUri))) {
    return htmlAnswer(400, page('Error', '<p>invalid_request: the redirect_uri is not registered for this app.</p>'));
  }
  const state = params.get('state');
  const back = (values: Record<string, string>) => {
    const url = new URL(redirectUri);
    for (const [k, v] of Object.entries(values)) url.searchParams.set(k, v);
    if (state !== null) url.searchParams.set('state', state);
    return redirectAnswer(url.toString());
  };
  if (params.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
  if (!(params.get('scope') ?? '').split(/\s+/).includes(ACCOUNTING_SCOPE)) return back({ error: 'invalid_scope' });
  const realmId = params.get('realmId') ?? ctx.nextAuthorizedRealm ?? ctx.companies.keys().next().value;
  const company = realmId === undefined ? undefined : ctx.companies.get(realmId);
  if (!company) return htmlAnswer(400, page('Error', '<p>There is no company to connect.</p>'));

  if (method === 'GET') {
    const app = ctx.options.appName ?? 'this app';
    const hidden = [...params.entries()]
      .filter(([k]) => k !== 'decision' && k !== 'realmId')
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
      .join('');
    return htmlAnswer(
      200,
      page(
        'Connect',
        `<h1>Connect ${escapeHtml(app)} to ${escapeHtml(company.name)}?</h1>
<form method="post" action="/connect/oauth2">${hidden}<input type="hidden" name="realmId" value="${escapeHtml(company.realmId)}">
<button type="submit" name="decision" value="connect">Connect</button> <button type="submit" name="decision" value="cancel">Cancel</button></form>`,
      ),
    );
  }
  if (params.get('decision') !== 'connect') return back({ error: 'access_denied' });
  ctx.nextAuthorizedRealm = undefined;
  return back({ code: ctx.tokens.issueCode(company.realmId, redirectUri), realmId: company.realmId });
}

/** The token endpoint (§2.2, §2.3): Basic client auth, a form body, code or refresh grants. */
export function token(ctx: SimContext, req: IncomingMessage, body: string): Answer {
  if (!clientAuthenticated(ctx, req)) return jsonAnswer(401, { error: 'invalid_client' });
  const form = new URLSearchParams(body);
  const hardExpiry = req.headers['x-include-refresh-token-hard-expires-in'] === 'true';
  const grant = form.get('grant_type');
  if (grant === 'authorization_code') {
    const answer = ctx.tokens.redeemCode(form.get('code') ?? '', form.get('redirect_uri') ?? undefined, hardExpiry);
    return answer ? jsonAnswer(200, answer) : jsonAnswer(400, { error: 'invalid_grant' });
  }
  if (grant === 'refresh_token') {
    const answer = ctx.tokens.refresh(form.get('refresh_token') ?? '', hardExpiry);
    return answer ? jsonAnswer(200, answer) : jsonAnswer(400, { error: 'invalid_grant' });
  }
  return jsonAnswer(400, { error: 'unsupported_grant_type' });
}

/** Revoke (§2.3): JSON `{"token"}` (or the same field form-encoded); disconnects the app. */
export function revoke(ctx: SimContext, req: IncomingMessage, body: string): Answer {
  if (!clientAuthenticated(ctx, req)) return jsonAnswer(401, { error: 'invalid_client' });
  let tokenValue: string | null;
  try {
    tokenValue = (JSON.parse(body) as { token?: string }).token ?? null;
  } catch {
    tokenValue = new URLSearchParams(body).get('token');
  }
  if (!tokenValue) return jsonAnswer(400, { error: 'invalid_request' });
  ctx.tokens.revoke(tokenValue);
  return { status: 200, body: '', contentType: 'text/plain' };
}

function clientAuthenticated(ctx: SimContext, req: IncomingMessage): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && decoded.slice(0, colon) === ctx.options.clientId && decoded.slice(colon + 1) === ctx.options.clientSecret;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · Intuit (simulated)</title></head><body>${body}</body></html>`;
}
