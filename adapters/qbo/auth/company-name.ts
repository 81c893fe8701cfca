import type { QboEndpoints } from '../qbo-endpoints';

/**
 * The company's name from CompanyInfo (qbo-api.md §1.1), for the card; a name made from the realm
 * when QuickBooks does not tell (the connection works the same either way).
 */
export async function companyNameOf(endpoints: QboEndpoints, realmId: string, accessToken: string): Promise<string> {
  const fallback = `QuickBooks Online company ${realmId}`;
  try {
    const res = await fetch(`${endpoints.apiBaseUrl}/v3/company/${encodeURIComponent(realmId)}/companyinfo/${encodeURIComponent(realmId)}?minorversion=75`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) return fallback;
    const body = (await res.json()) as { CompanyInfo?: { CompanyName?: unknown } };
    const name = body.CompanyInfo?.CompanyName;
    return typeof name === 'string' && name.trim() ? name.trim().slice(0, 200) : fallback;
  } catch {
    return fallback;
  }
}
