import { AppError } from '../../../../core/errors/app-error';

/** The qbXML versions we can write, newest first. 13.0 covers QuickBooks 2014 and later. */
export const WRITABLE_VERSIONS = ['13.0', '12.0', '11.0', '10.0', '9.0', '8.0', '7.0', '6.0', '5.0', '4.1', '4.0', '3.0', '2.1', '2.0', '1.1', '1.0'] as const;
export type QbxmlVersion = (typeof WRITABLE_VERSIONS)[number];

export const DEFAULT_QBXML_VERSION: QbxmlVersion = '13.0';

export function compareVersions(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am !== bm ? am - bm : (an ?? 0) - (bn ?? 0);
}

export interface QuickBooksVersionInfo {
  /** From sendRequestXML's qbXMLMajorVers / qbXMLMinorVers. */
  readonly major?: number;
  readonly minor?: number;
  /** HostRet/SupportedQBXMLVersion values, when the HostQuery answer was read. */
  readonly supported?: readonly string[];
}

/**
 * The envelope version for a session: the newest version we write that QuickBooks also
 * speaks (at most what qbXMLMajorVers.Minor says, and listed in SupportedQBXMLVersion when
 * that list is known); 13.0 when QuickBooks told us nothing.
 */
export function chooseQbxmlVersion(info: QuickBooksVersionInfo = {}): QbxmlVersion {
  const ceiling = info.major !== undefined ? `${info.major}.${info.minor ?? 0}` : DEFAULT_QBXML_VERSION;
  const supported = info.supported?.map((v) => v.replace(/^[A-Z]+/, ''));
  const chosen = WRITABLE_VERSIONS.find((v) => compareVersions(v, ceiling) <= 0 && (!supported?.length || supported.includes(v)));
  if (!chosen) throw new AppError('needs-user-action', `This QuickBooks speaks qbXML ${ceiling}, which is older than any version we can write.`);
  return chosen;
}
