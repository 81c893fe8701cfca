import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../../core/errors/app-error';
import { readQbxml } from '../qbxml/reader/read-qbxml';
import { chooseQbxmlVersion } from '../qbxml/requests/qbxml-version';
import { QbdCompanyRow, recordQuickBooksFacts } from '../store/qbd-company-store';
import type { SessionRow } from '../store/session-store';
import { OWNER_ID } from './qwc-file';

/**
 * The first call's Host/Company/Preferences answers: QuickBooks' version, and that this is the
 * right company file. Returns the company's row with them recorded.
 */
export async function readHostCompanyPreferences(
  em: EntityManager,
  session: SessionRow,
  input: { strHCPResponse: string; strCompanyFileName: string; qbXMLCountry: string; qbXMLMajorVers: number; qbXMLMinorVers: number },
): Promise<QbdCompanyRow> {
  let supported: readonly string[] | undefined;
  let product: string | undefined;
  let companyName: string | undefined;
  let fileId: string | undefined;
  for await (const e of readQbxml(input.strHCPResponse)) {
    if (e.kind !== 'record') continue;
    if (e.record.type === 'HostRet') ({ supportedVersions: supported, productName: product } = e.record);
    if (e.record.type === 'CompanyRet') {
      companyName = e.record.companyName;
      fileId = e.record.dataExt.find((d) => d.ownerId?.toUpperCase() === OWNER_ID && d.name === 'FileID')?.value;
    }
  }
  const version = chooseQbxmlVersion({ major: input.qbXMLMajorVers, minor: input.qbXMLMinorVers, supported });
  // Recorded only if the company file is the connection's (one statement: the file's id is checked in it).
  const company = await recordQuickBooksFacts(em, session.connection_id, {
    product,
    country: input.qbXMLCountry || undefined,
    version,
    companyName,
    companyFileName: input.strCompanyFileName || undefined,
    fileId,
  });
  if (!company) {
    throw new AppError(
      'needs-user-action',
      `The Web Connector opened a different company file (${input.strCompanyFileName || 'the open company'}) than the one this connection was set up with. Open the right company, or set its path on the connection.`,
    );
  }
  return company;
}
