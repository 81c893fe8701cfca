import { AppError, type Problem } from '../../errors/app-error';
import { canonicalAddress } from './canonical-address';

/** The operator's exceptions to the SSRF guard (tests, demos, a receiver on the same network). */
export interface AllowHosts {
  /** True when this host name or IP address (any spelling, brackets allowed) was listed. */
  allows(hostOrAddress: string): boolean;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Reads `WEBHOOK_ALLOW_HOSTS` once, at boot: comma-separated host names or single IP addresses,
 * case-insensitive, spaces trimmed. Unset or blank = no exception: webhooks go only to public
 * addresses. Every bad entry is named in one error. Entries are exact: no wildcard, range, port or
 * scheme, so an allowance cannot grow wider than the operator read it.
 *
 * @example readAllowHosts({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1, localhost' }).allows('LOCALHOST') // true
 */
export function readAllowHosts(env: NodeJS.ProcessEnv): AllowHosts {
  const text = env['WEBHOOK_ALLOW_HOSTS'] ?? '';
  const listed = new Set<string>();
  const problems: Problem[] = [];
  if (text.trim() !== '') {
    text.split(',').forEach((part, index) => {
      const entry = part.trim();
      const at = `WEBHOOK_ALLOW_HOSTS entry ${index + 1}`;
      const problem = entryProblem(entry);
      if (problem) problems.push({ at, message: problem });
      else listed.add(normalise(entry));
    });
  }
  if (problems.length > 0) throw AppError.invalid('WEBHOOK_ALLOW_HOSTS is wrong:', problems);
  return Object.freeze({ allows: (hostOrAddress: string) => listed.has(normalise(hostOrAddress)) });
}

function entryProblem(entry: string): string | null {
  if (entry === '') return 'is empty (two commas in a row, or one at an end)';
  if (canonicalAddress(entry)) return null;
  if (entry.includes('://')) return `"${entry}" is a URL; name only the host`;
  if (entry.includes('/')) return `"${entry}" looks like a range or a path; name single hosts or addresses`;
  if (entry.includes('*')) return `"${entry}" is a wildcard; name each host`;
  if (/:\d+$/.test(entry)) return `"${entry}" carries a port; name only the host (every port of it is allowed)`;
  const name = entry.toLowerCase().replace(/\.$/, '');
  if (name.length > 253 || !name.split('.').every((label) => LABEL.test(label))) {
    return `"${entry}" is neither an IP address nor a host name`;
  }
  return null;
}

/** One spelling per host: lower case, no trailing dot, addresses canonical (`::1` = `0:0::1`). */
function normalise(hostOrAddress: string): string {
  const canonical = canonicalAddress(hostOrAddress.trim());
  return canonical ? canonical.address : hostOrAddress.trim().toLowerCase().replace(/\.$/, '');
}
