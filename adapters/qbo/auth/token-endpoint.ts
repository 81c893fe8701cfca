import { AppError } from '../../../core/errors/app-error';
import type { QboEndpoints } from '../qbo-endpoints';
import type { QboTokenSet } from '../store/qbo-connection-store';

/** The connection's error code when only a reconnect helps: the card shows its Reconnect button for it. */
export const RECONNECT_CODE = 'qbo_reconnect';

/** What the partner reads when QuickBooks Online no longer accepts the connection's refresh token. */
export const RECONNECT_MESSAGE =
  'QuickBooks Online no longer accepts this connection (access was revoked, or it was not used for over 100 days). Press Reconnect on the QuickBooks Online card and sign in to QuickBooks again.';

/** Requests give up after this long: Intuit answers token calls in well under a second. */
const TIMEOUT_MS = 30_000;

/**
 * One call to the token endpoint (qbo-api.md §2.2-2.3): HTTP Basic client auth, a form body, JSON
 * back. `invalid_grant` (a used code, a superseded or revoked refresh token) is needs-user-action:
 * retrying never helps. Network trouble and 5xx are transient; other refusals are our set-up's fault.
 */
export async function callTokenEndpoint(endpoints: QboEndpoints, form: Record<string, string>, now: Date): Promise<QboTokenSet> {
  let res: Response;
  try {
    res = await fetch(endpoints.tokenUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${endpoints.clientId}:${endpoints.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    throw new AppError('transient', 'QuickBooks Online could not be reached to sign in. It is tried again.', { detail: 'token endpoint unreachable', cause });
  }
  const text = await res.text();
  const body = parse(text);
  const tid = res.headers.get('intuit_tid') ?? 'none';
  if (res.status >= 500 || res.status === 429) {
    throw new AppError('transient', 'QuickBooks Online is busy or down. It is tried again.', { detail: `token endpoint ${res.status}, intuit_tid ${tid}` });
  }
  if (!res.ok || typeof body?.access_token !== 'string' || typeof body.refresh_token !== 'string') {
    const error = typeof body?.error === 'string' ? body.error : `HTTP ${res.status}`;
    if (error === 'invalid_grant')
      throw new AppError('needs-user-action', RECONNECT_MESSAGE, { code: RECONNECT_CODE, detail: `invalid_grant, intuit_tid ${tid}` });
    throw new AppError('internal', 'QuickBooks Online refused to sign in this app.', {
      detail: `token endpoint ${res.status} ${error}, intuit_tid ${tid}: check QBO_CLIENT_ID, QBO_CLIENT_SECRET and QBO_REDIRECT_URL`,
    });
  }
  const seconds = (v: unknown, fallback: number | null) => (typeof v === 'number' && v > 0 ? v : fallback);
  const accessSeconds = seconds(body.expires_in, 3600)!;
  const refreshSeconds = seconds(body.x_refresh_token_expires_in, null);
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    accessExpiresAt: new Date(now.getTime() + accessSeconds * 1000),
    refreshExpiresAt: refreshSeconds === null ? null : new Date(now.getTime() + refreshSeconds * 1000),
  };
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
