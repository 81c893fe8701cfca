import type { PartnerApi } from '../../../support/partner-api';

/** Where the browser ends up after a step: a 302's Location, resolved. */
async function follow(url: string, init: RequestInit = {}): Promise<URL> {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  await res.arrayBuffer();
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`${url} answered ${res.status}, not a redirect`);
  return new URL(location, url);
}

/**
 * Connects QuickBooks Online as a partner's browser would, over HTTP: ask the service for the
 * authorize URL, press Connect (or Cancel) on the simulator's consent page, follow the redirect to
 * the service's callback, and return where the service sends the browser (the dashboard).
 */
export async function connectThroughSimulator(api: PartnerApi, decision: 'connect' | 'cancel' = 'connect'): Promise<{ dashboard: URL; callback: URL }> {
  const started = await api.call('POST', '/api/connections/qbo');
  if (started.status !== 201) throw new Error(`POST /api/connections/qbo answered ${started.status}`);
  const authorize = new URL(started.body.authorizeUrl as string);
  const consent = await fetch(authorize);
  const page = await consent.text();
  const realmId = /name="realmId" value="([^"]+)"/.exec(page)?.[1];
  if (!realmId) throw new Error(`the consent page did not offer a company: ${page.slice(0, 200)}`);
  const form = new URLSearchParams(authorize.searchParams);
  form.set('realmId', realmId);
  form.set('decision', decision);
  const callback = await follow(`${authorize.origin}${authorize.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  return { callback, dashboard: await follow(callback.toString()) };
}
