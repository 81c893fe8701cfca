import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import { QboTokens } from '../auth/qbo-tokens';
import { QBO_ENDPOINTS, QboEndpoints } from '../qbo-endpoints';
import { QboAccountRow, replaceQboAccounts } from '../store/qbo-account-store';
import { QboAccount, accountRow } from '../sync/read-accounts';

/**
 * Reads the chart of accounts from QuickBooks Online for the dropdowns and keeps it (the settings
 * check reads the kept copy). One query page of 1000 (qbo-api.md §3); a 401 gets one refreshed retry.
 * QBO answers active accounts only to a plain query: an account made inactive drops out of the
 * dropdowns and the settings check, which is what the partner needs.
 */
@injectable()
export class QboAccountsReader {
  constructor(
    @inject(QboTokens) private readonly tokens: QboTokens,
    @inject(QBO_ENDPOINTS) private readonly endpoints: QboEndpoints,
  ) {}

  async refresh(em: EntityManager, connectionId: string): Promise<QboAccountRow[]> {
    let access = await this.tokens.access(connectionId);
    let res = await this.query(access.realmId, access.accessToken);
    if (res.status === 401) {
      access = await this.tokens.afterRejection(connectionId, access.accessToken);
      res = await this.query(access.realmId, access.accessToken);
    }
    if (!res.ok) {
      throw new AppError(
        res.status === 429 || res.status >= 500 ? 'transient' : 'internal',
        'QuickBooks Online did not send its accounts. Try again in a minute.',
        {
          detail: `account query ${res.status}, intuit_tid ${res.headers.get('intuit_tid') ?? 'none'}`,
        },
      );
    }
    const body = (await res.json()) as { QueryResponse?: { Account?: QboAccount[] } };
    const rows = (body.QueryResponse?.Account ?? []).map(accountRow);
    await em.transactional((tx) => replaceQboAccounts(tx as EntityManager, connectionId, rows));
    return rows;
  }

  private query(realmId: string, accessToken: string): Promise<Response> {
    const query = encodeURIComponent('select * from Account maxresults 1000');
    return fetch(`${this.endpoints.apiBaseUrl}/v3/company/${encodeURIComponent(realmId)}/query?query=${query}&minorversion=75`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(30_000),
    });
  }
}
