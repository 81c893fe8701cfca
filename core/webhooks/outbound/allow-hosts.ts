import { AppError } from '../../errors/app-error';

/** Hosts an operator lets webhooks reach although they are not public (placeholder until helper A's lands). */
export interface AllowHosts {
  allows(hostOrAddress: string): boolean;
}

/** `WEBHOOK_ALLOW_HOSTS`: comma-separated host names or addresses, case-insensitive. */
export function readAllowHosts(env: NodeJS.ProcessEnv): AllowHosts {
  const entries = (env.WEBHOOK_ALLOW_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  const bad = entries.filter((h) => /[\s/@]/.test(h));
  if (bad.length > 0)
    throw AppError.invalid(
      'WEBHOOK_ALLOW_HOSTS is not valid.',
      bad.map(() => ({ at: 'WEBHOOK_ALLOW_HOSTS', message: 'holds an entry that is not a host name or address' })),
    );
  const hosts = new Set(entries);
  return { allows: (host) => hosts.has(host.toLowerCase().replace(/^\[|\]$/g, '')) };
}
