import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../../core/errors/app-error';
import { readQbxml } from '../qbxml/reader/read-qbxml';
import { chooseQbxmlVersion } from '../qbxml/requests/qbxml-version';
import { QuickBooksFacts, recordQuickBooksFacts } from '../store/qbd-company-store';
import type { SessionRow } from '../store/session-store';
import { OWNER_ID } from './qwc-file';

/**
 * The first call's Host/Company/Preferences answers: QuickBooks' version, and that this is the
 * right company file. Returns the company's facts with them recorded. Most sessions hear what the
 * connection already knew when the session started: then nothing is written (one statement less
 * a session); anything new, or another file's id, goes to the statement that checks the file.
 */
export async function readHostCompanyPreferences(
  em: EntityManager,
  session: SessionRow,
  input: { strHCPResponse: string; strCompanyFileName: string; qbXMLCountry: string; qbXMLMajorVers: number; qbXMLMinorVers: number },
): Promise<QuickBooksFacts> {
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
  const facts = { product, country: input.qbXMLCountry || undefined, version, companyName, companyFileName: input.strCompanyFileName || undefined, fileId };
  const known = session.plan.company;
  if (known && nothingNew(known, facts)) return known;
  // Recorded only if the company file is the connection's (one statement: the file's id is checked in it).
  const company = await recordQuickBooksFacts(em, session.connection_id, facts);
  if (!company) {
    throw new AppError(
      'needs-user-action',
      `The Web Connector opened a different company file (${input.strCompanyFileName || 'the open company'}) than the one this connection was set up with. Open the right company, or set its path on the connection.`,
    );
  }
  return company;
}

/** A fact QuickBooks did not tell keeps what was known, as recordQuickBooksFacts keeps it. */
function nothingNew(known: QuickBooksFacts, told: Parameters<typeof recordQuickBooksFacts>[2]): boolean {
  const same = (value: string | undefined, kept: string | null) => value === undefined || value === kept;
  return (
    (told.fileId === undefined || told.fileId.toUpperCase() === known.file_id.toUpperCase()) &&
    same(told.product, known.product_name) &&
    same(told.country, known.country) &&
    same(told.version, known.qbxml_version) &&
    same(told.companyName, known.company_name) &&
    same(told.companyFileName, known.company_file_name)
  );
}
