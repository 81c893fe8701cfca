import type { EntityManager } from '@mikro-orm/postgresql';
import { insertRows } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';

/** One QuickBooks Online account as the dropdowns need it (qbo-api.md §5.5). */
export interface QboAccountRow {
  readonly id: string;
  readonly name: string;
  /** FullyQualifiedName: "Parent:Child" for sub-accounts. */
  readonly full_name: string;
  /** As QBO spells it: 'Bank', 'Other Current Asset'... */
  readonly account_type: string;
  /** 'UndepositedFunds', 'Checking'...; null when QBO gives none. */
  readonly account_sub_type: string | null;
  readonly is_active: boolean;
}

const COLUMNS = ['connection_id', 'id', 'name', 'full_name', 'account_type', 'account_sub_type', 'is_active'];

/** Replaces the cached chart of accounts with what QuickBooks just answered (active and inactive); in a transaction, whose end the lock lasts to. */
export async function replaceQboAccounts(em: EntityManager, connectionId: string, accounts: readonly QboAccountRow[]): Promise<void> {
  // Replacements of one connection's chart take turns (the first sync and the dashboard's dropdown
  // read it at the same moment): the second's delete then sees, and removes, what the first wrote,
  // where it would otherwise insert beside it and fail on the first's rows.
  await sendSql(em, 'select id from connection where id = ? for update', [connectionId]);
  await sendSql(em, 'delete from qbo_account where connection_id = ?', [connectionId]);
  await insertRows(
    em,
    'qbo_account',
    COLUMNS,
    accounts.map((a) => [connectionId, a.id, a.name, a.full_name, a.account_type, a.account_sub_type, a.is_active]),
  );
}

export async function qboAccountsOf(em: EntityManager, connectionId: string): Promise<QboAccountRow[]> {
  return sendSql<QboAccountRow[]>(
    em,
    'select id, name, full_name, account_type, account_sub_type, is_active from qbo_account where connection_id = ? order by full_name, id',
    [connectionId],
  );
}
