import { RetWriter, answerDocument, responseLines } from './answer-writer';
import { QuickBooksCompany } from './quickbooks-company';

export interface HostFacts {
  readonly productName: string;
  readonly majorVersion: string;
  /** The highest qbXML version this QuickBooks speaks. */
  readonly maxQbxmlVersion: string;
  readonly isAutomaticLoginAllowed: boolean;
}

export const QUICKBOOKS_2014: HostFacts = { productName: 'QuickBooks Pro 2014', majorVersion: '24', maxQbxmlVersion: '13.0', isAutomaticLoginAllowed: true };

const ALL_VERSIONS = [
  '1.0',
  '1.1',
  '2.0',
  '2.1',
  '3.0',
  '4.0',
  '4.1',
  '5.0',
  '6.0',
  '7.0',
  '8.0',
  '9.0',
  '10.0',
  '11.0',
  '12.0',
  '13.0',
  '14.0',
  '15.0',
  '16.0',
];

export function supportedVersions(max: string): string[] {
  const [maxMajor, maxMinor] = max.split('.').map(Number);
  return ALL_VERSIONS.filter((v) => {
    const [major, minor] = v.split('.').map(Number);
    return major < maxMajor || (major === maxMajor && minor <= maxMinor);
  });
}

export function hostRet(host: HostFacts): RetWriter {
  const w = new RetWriter('HostRet').el('ProductName', host.productName).el('MajorVersion', host.majorVersion).el('MinorVersion', '0').el('Country', 'US');
  for (const v of supportedVersions(host.maxQbxmlVersion)) w.el('SupportedQBXMLVersion', v);
  return w.el('IsAutomaticLogin', false).el('QBFileMode', 'SingleUser');
}

/** CompanyRet with the data extensions an application placed under its OwnerID (the QWC's FileID). */
export function companyRet(company: QuickBooksCompany, dataExt: ReadonlyMap<string, ReadonlyMap<string, string>>): RetWriter {
  const w = new RetWriter('CompanyRet').el('IsSampleCompany', false).el('CompanyName', company.companyName).el('LegalCompanyName', company.companyName);
  for (const [ownerId, values] of dataExt) {
    for (const [name, value] of values) {
      w.agg('DataExtRet', (n) => n.el('OwnerID', ownerId).el('DataExtName', name).el('DataExtType', 'STR255TYPE').el('DataExtValue', value));
    }
  }
  return w;
}

export function preferencesRet(host: HostFacts): RetWriter {
  return new RetWriter('PreferencesRet')
    .agg('AccountingPreferences', (n) =>
      n
        .el('IsUsingAccountNumbers', false)
        .el('IsRequiringAccounts', true)
        .el('IsUsingClassTracking', false)
        .el('IsUsingAuditTrail', true)
        .el('IsAssigningJournalEntryNumbers', true),
    )
    .agg('MultiCurrencyPreferences', (n) => n.el('IsMultiCurrencyOn', false))
    .agg('SalesAndCustomersPreferences', (n) => n.el('IsTrackingReimbursedExpensesAsIncome', false).el('IsAutoApplyingPayments', true))
    .agg('CurrentAppAccessRights', (n) => n.el('IsAutomaticLoginAllowed', host.isAutomaticLoginAllowed).el('IsPersonalDataAccessAllowed', false));
}

/** What QBWC hands the first sendRequestXML as strHCPResponse (../shared/reference/qbwc-qbxml.md §3.1): requestIDs 0, 1, 2. */
export function hcpResponse(company: QuickBooksCompany, host: HostFacts, dataExt: ReadonlyMap<string, ReadonlyMap<string, string>>): string {
  const ok = (requestId: string) => ({ requestId, code: 0, severity: 'Info', message: 'Status OK' });
  return answerDocument([
    ...responseLines('HostQueryRs', ok('0'), hostRet(host).lines()),
    ...responseLines('CompanyQueryRs', ok('1'), companyRet(company, dataExt).lines()),
    ...responseLines('PreferencesQueryRs', ok('2'), preferencesRet(host).lines()),
  ]);
}
