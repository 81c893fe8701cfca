import type { EntityManager } from '@mikro-orm/postgresql';
import { sendHeldRows } from '../../../core/store/flush-held-writes';
import { holdRows } from '../../../core/store/held-writes';
import { arrayLiteral, insertRows } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';
import { SqlStatement, sendTogether } from '../../../core/store/send-together';

type Em = EntityManager;

export interface AccountRow {
  readonly list_id: string;
  readonly name: string;
  readonly full_name: string;
  readonly account_type: string;
  readonly special_account_type: string | null;
  readonly is_active: boolean;
}

const ACCOUNT_COLUMNS = ['connection_id', 'list_id', 'name', 'full_name', 'account_type', 'special_account_type', 'is_active', 'edit_sequence'];
/** Accounts one statement can carry well below PostgreSQL's parameter limit; a larger chart goes the long way. */
const ACCOUNTS_IN_ONE_STATEMENT = 2_000;

const ACCOUNTS = 'qbd_account';

/**
 * Replaces the cached chart of accounts with what QuickBooks just answered (ActiveStatus All):
 * accounts gone are deleted, and only those whose EditSequence moved are written again. In a
 * transaction that holds writes (a session's answer) it goes in the transaction's last statement,
 * and a read of the chart before then writes it first; else at once, in one statement.
 */
export async function replaceAccounts(em: Em, connectionId: string, accounts: readonly (AccountRow & { edit_sequence: string })[]): Promise<void> {
  const rows = accounts.map((a) => [connectionId, a.list_id, a.name, a.full_name, a.account_type, a.special_account_type, a.is_active, a.edit_sequence]);
  if (rows.length === 0 || rows.length > ACCOUNTS_IN_ONE_STATEMENT) {
    await sendHeldRows(em, ACCOUNTS);
    await sendSql(em, 'delete from qbd_account where connection_id = ?', [connectionId]);
    await insertRows(em, 'qbd_account', ACCOUNT_COLUMNS, rows);
    return;
  }
  if (holdRows(em, ACCOUNTS, [[connectionId, rows]], accountStatements)) return;
  await sendTogether(em, accountStatements([[connectionId, rows]]));
}

/**
 * The replacement of each connection's chart (the last one given for it), from [connection id,
 * account rows]: the delete of accounts gone and the upsert of those listed touch no row in common.
 */
function accountStatements(charts: readonly (readonly unknown[])[]): SqlStatement[] {
  const last = new Map(charts as [string, unknown[][]][]);
  const tuple = `(${ACCOUNT_COLUMNS.map(() => '?').join(', ')})`;
  const changed = ACCOUNT_COLUMNS.slice(2)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  return [...last].flatMap(([connectionId, rows]) => [
    {
      sql: 'delete from qbd_account where connection_id = ? and not (list_id = any(?::text[]))',
      params: [connectionId, arrayLiteral(rows.map((r) => String(r[1])))],
    },
    {
      sql: `insert into qbd_account (${ACCOUNT_COLUMNS.join(', ')}) values ${rows.map(() => tuple).join(', ')}
            on conflict (connection_id, list_id) do update set ${changed} where qbd_account.edit_sequence is distinct from excluded.edit_sequence`,
      params: rows.flat(),
    },
  ]);
}

export async function accountsOf(em: Em, connectionId: string): Promise<AccountRow[]> {
  await sendHeldRows(em, ACCOUNTS);
  return sendSql<AccountRow[]>(
    em,
    'select list_id, name, full_name, account_type, special_account_type, is_active from qbd_account where connection_id = ? order by full_name, list_id',
    [connectionId],
  );
}
