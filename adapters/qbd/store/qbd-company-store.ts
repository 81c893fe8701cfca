import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../../../core/store/send-sql';
import { bracedGuid } from '../qbwc/credentials';

type Em = EntityManager;

export interface QbdCompanyRow {
  readonly connection_id: string;
  readonly file_id: string;
  readonly product_name: string | null;
  readonly country: string | null;
  readonly qbxml_version: string | null;
  readonly company_name: string | null;
  readonly company_file_name: string | null;
  /** The partner's settings (qbd-settings.ts). */
  readonly company_file_path: string;
  readonly payment_account_id: string | null;
  readonly deposit_account_id: string | null;
}

/** What QuickBooks tells of itself and its company file, as a company row keeps it. */
export type QuickBooksFacts = Pick<QbdCompanyRow, 'file_id' | 'product_name' | 'country' | 'qbxml_version' | 'company_name' | 'company_file_name'>;

export function quickBooksFactsOf(row: QbdCompanyRow): QuickBooksFacts {
  const { file_id, product_name, country, qbxml_version, company_name, company_file_name } = row;
  return { file_id, product_name, country, qbxml_version, company_name, company_file_name };
}

export async function createQbdCompany(em: Em, connectionId: string, companyFilePath: string): Promise<string> {
  const fileId = bracedGuid();
  await sendSql(em, 'insert into qbd_company (connection_id, file_id, company_file_path) values (?, ?, ?)', [connectionId, fileId, companyFilePath]);
  return fileId;
}

export async function qbdCompany(em: Em, connectionId: string): Promise<QbdCompanyRow | undefined> {
  return (await sendSql<QbdCompanyRow[]>(em, 'select * from qbd_company where connection_id = ?', [connectionId]))[0];
}

/**
 * Keeps what QuickBooks told of itself (unknown facts stay as they were); the company's row as it
 * is now, or none when `fileId` is given and is not the company file's (nothing is kept then).
 */
export async function recordQuickBooksFacts(
  em: Em,
  connectionId: string,
  facts: { product?: string; country?: string; version?: string; companyName?: string; companyFileName?: string; fileId?: string },
): Promise<QbdCompanyRow | undefined> {
  const rows = await sendSql<QbdCompanyRow[]>(
    em,
    `update qbd_company set product_name = coalesce(?, product_name), country = coalesce(?, country), qbxml_version = coalesce(?, qbxml_version),
       company_name = coalesce(?, company_name), company_file_name = coalesce(?, company_file_name)
     where connection_id = ? and (?::text is null or upper(file_id) = upper(?)) returning *`,
    [
      facts.product ?? null,
      facts.country ?? null,
      facts.version ?? null,
      facts.companyName ?? null,
      facts.companyFileName ?? null,
      connectionId,
      facts.fileId ?? null,
      facts.fileId ?? null,
    ],
  );
  return rows[0];
}
