/** Web Connectors older than this are refused; older than RECOMMENDED get a warning. */
export const MINIMUM_QBWC = '2.0.0.0';
export const RECOMMENDED_QBWC = '2.3.0.0';

function compareDotted(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/**
 * The answer to clientVersion: '' to go on, 'W:' to warn, 'E:' to stop (../shared/reference/qbwc-qbxml.md §1.3).
 *
 * @example clientVersionAnswer('1.5.0.0') // 'E:This QuickBooks Web Connector (1.5.0.0) is too old. …'
 */
export function clientVersionAnswer(version: string): string {
  if (!/^\d+(\.\d+){1,3}$/.test(version.trim())) return '';
  if (compareDotted(version, MINIMUM_QBWC) < 0)
    return `E:This QuickBooks Web Connector (${version}) is too old. Install version 2.3 or newer from Intuit, then run it again.`;
  if (compareDotted(version, RECOMMENDED_QBWC) < 0)
    return `W:This QuickBooks Web Connector (${version}) is old. It should work, but we recommend updating to version 2.3 or newer.`;
  return '';
}
