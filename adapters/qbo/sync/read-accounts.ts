import type { EntityManager } from '@mikro-orm/postgresql';
import { queryPage } from '../client/qbo-calls';
import type { QboClient } from '../client/qbo-client';
import { QboAccountRow, replaceQboAccounts } from '../store/qbo-account-store';

/** An Account as QBO's query answers it (the fields we keep). */
export interface QboAccount {
  readonly Id: string;
  readonly Name: string;
  readonly FullyQualifiedName?: string;
  readonly AccountType: string;
  readonly AccountSubType?: string;
  readonly Active?: boolean;
}

/**
 * The chart of accounts, kept for the dropdowns and for the writes' checks (a payment account
 * that is a bank needs no deposit). One page of 1000, active accounts (as QBO answers a plain
 * query, and as api/qbo-accounts-reader.ts keeps them): a chart larger than that is not read whole.
 */
export async function readAccounts(em: EntityManager, client: QboClient, connectionId: string, signal?: AbortSignal): Promise<number> {
  const { rows } = await queryPage(client, { entity: 'Account', startPosition: 1, maxResults: 1000 }, signal);
  const accounts = (rows as unknown as QboAccount[]).map(accountRow);
  await em.transactional((tx) => replaceQboAccounts(tx as EntityManager, connectionId, accounts));
  return accounts.length;
}

/** One QBO account as the row the dropdowns and the writes' checks read. */
export function accountRow(a: QboAccount): QboAccountRow {
  return {
    id: a.Id,
    name: a.Name,
    full_name: a.FullyQualifiedName ?? a.Name,
    account_type: a.AccountType,
    account_sub_type: a.AccountSubType ?? null,
    is_active: a.Active !== false,
  };
}
