import { readJson } from './read-json';
import { TEST_ADMIN_TOKEN } from './test-service';

/** The partner API as a tested client uses it: JSON in, JSON out, with the partner's key. */
export class PartnerApi {
  constructor(
    readonly baseUrl: string,
    readonly apiKey: string,
  ) {}

  static async createPartner(baseUrl: string, name = 'Acme', id?: string): Promise<PartnerApi> {
    const res = await fetch(`${baseUrl}/api/admin/partners`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, id }),
    });
    if (res.status !== 201) throw new Error(`creating a partner answered ${res.status}`);
    return new PartnerApi(baseUrl, (await readJson(res)).apiKey);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.apiKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }
}
