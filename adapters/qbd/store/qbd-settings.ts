import type { EntityManager } from '@mikro-orm/postgresql';
import { arrayLiteral } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';

/** What QuickBooks Desktop needs beside a connection: the company file to open and where money goes. */
export interface QbdSettings {
  /** The company file the Web Connector should open; '' means whatever company is open. */
  readonly companyFilePath: string;
  /** The account payments are deposited to (Undeposited Funds or a bank; a QuickBooks ListID). */
  readonly paymentAccountId: string | null;
  /** The bank account payouts are deposited to. */
  readonly depositAccountId: string | null;
}

export const NO_QBD_SETTINGS: QbdSettings = Object.freeze({ companyFilePath: '', paymentAccountId: null, depositAccountId: null });

interface SettingsRow {
  readonly connection_id: string;
  readonly company_file_path: string;
  readonly payment_account_id: string | null;
  readonly deposit_account_id: string | null;
}

const settingsOf = (r: SettingsRow): QbdSettings => ({
  companyFilePath: r.company_file_path,
  paymentAccountId: r.payment_account_id,
  depositAccountId: r.deposit_account_id,
});

/** The settings of several connections in one query (lists show them all). */
export async function qbdSettingsOf(em: EntityManager, connectionIds: readonly string[]): Promise<Map<string, QbdSettings>> {
  if (connectionIds.length === 0) return new Map();
  const rows = await sendSql<SettingsRow[]>(
    em,
    'select connection_id, company_file_path, payment_account_id, deposit_account_id from qbd_company where connection_id = any(?::uuid[])',
    [arrayLiteral(connectionIds)],
  );
  return new Map(rows.map((r) => [r.connection_id, settingsOf(r)]));
}

export async function qbdSettings(em: EntityManager, connectionId: string): Promise<QbdSettings> {
  return (await qbdSettingsOf(em, [connectionId])).get(connectionId) ?? NO_QBD_SETTINGS;
}

/** Changes the accounts money goes to; what is not given stays as it is. */
export async function updateQbdAccounts(
  em: EntityManager,
  connectionId: string,
  accounts: { paymentAccountId?: string; depositAccountId?: string },
): Promise<void> {
  if (accounts.paymentAccountId === undefined && accounts.depositAccountId === undefined) return;
  await sendSql(
    em,
    'update qbd_company set payment_account_id = coalesce(?, payment_account_id), deposit_account_id = coalesce(?, deposit_account_id) where connection_id = ?',
    [accounts.paymentAccountId ?? null, accounts.depositAccountId ?? null, connectionId],
  );
}
