import { QboSimulator, startQboSimulator } from '../../../simulators/qbo/qbo-simulator';

export const CLIENT = { clientId: 'test-client', clientSecret: 'test-secret', verifierToken: 'test-verifier' } as const;
/** A winter day: Pacific offset -08:00. */
export const START = new Date('2026-12-01T18:00:00Z');
export const REDIRECT = 'http://127.0.0.1:9/callback';

export async function startSim(extra: { webhookUrl?: string; rateLimits?: boolean } = {}): Promise<QboSimulator> {
  return startQboSimulator({ ...CLIENT, now: () => START, appName: 'Test App', ...extra });
}

export function basicAuth(id: string = CLIENT.clientId, secret: string = CLIENT.clientSecret): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

/** Opens the consent page and presses its button: the same GET and form POST a browser makes. */
export async function authorizeInBrowser(sim: QboSimulator, decision = 'connect', state = 'st-1'): Promise<URL> {
  const query = new URLSearchParams({
    client_id: CLIENT.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'com.intuit.quickbooks.accounting',
    state,
  });
  const page = await fetch(`${sim.authorizeUrl}?${query}`);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`consent page: ${page.status} ${html}`);
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    form.set(
      m[1],
      m[2].replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))),
    );
  form.set('decision', decision);
  const answer = await fetch(sim.authorizeUrl, { method: 'POST', body: form, redirect: 'manual' });
  if (answer.status !== 302) throw new Error(`authorize POST: ${answer.status}`);
  return new URL(answer.headers.get('location')!);
}

export async function tokenCall(
  sim: QboSimulator,
  form: Record<string, string>,
  auth = basicAuth(),
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(sim.tokenUrl, {
    method: 'POST',
    headers: { authorization: auth, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export interface Connected {
  readonly realmId: string;
  readonly accessToken: string;
  readonly refreshToken: string;
}

export async function connect(sim: QboSimulator): Promise<Connected> {
  const back = await authorizeInBrowser(sim);
  const { json } = await tokenCall(sim, { grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: REDIRECT });
  return { realmId: back.searchParams.get('realmId')!, accessToken: String(json.access_token), refreshToken: String(json.refresh_token) };
}

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A minimal API client over fetch, as the adapter will talk to QBO. */
export class Api {
  constructor(
    readonly sim: QboSimulator,
    readonly realmId: string,
    public accessToken: string,
  ) {}

  async get(path: string, query: Record<string, string> = {}): Promise<{ status: number; json: Json }> {
    const res = await fetch(this.url(path, { minorversion: '75', ...query }), { headers: this.headers() });
    return { status: res.status, json: (await res.json()) as Json };
  }

  async post(path: string, body: unknown, query: Record<string, string> = {}): Promise<{ status: number; json: Json }> {
    const res = await fetch(this.url(path, { minorversion: '75', ...query }), {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Json };
  }

  async query(statement: string): Promise<{ status: number; json: Json }> {
    return this.get('query', { query: statement });
  }

  private url(path: string, query: Record<string, string>): string {
    return `${this.sim.url}/v3/company/${this.realmId}/${path}?${new URLSearchParams(query)}`;
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.accessToken}`, accept: 'application/json' };
  }
}

/** A simulator with one small company and a connected API client. */
export async function simWithCompany(
  options: { customers?: number; invoices?: number; webhookUrl?: string; rateLimits?: boolean } = {},
): Promise<{ sim: QboSimulator; api: Api; realmId: string }> {
  const sim = await startSim({ webhookUrl: options.webhookUrl, rateLimits: options.rateLimits });
  sim.createCompany({ name: 'Test Books', seed: 3, customers: options.customers ?? 4, invoices: options.invoices ?? 0 });
  const connected = await connect(sim);
  return { sim, api: new Api(sim, connected.realmId, connected.accessToken), realmId: connected.realmId };
}
