import { BlockList, isIP } from 'node:net';
import { AppError } from '../../errors/app-error';
import type { AllowHosts } from './allow-hosts';
import type { Resolver } from './webhook-resolver';

export interface VettedTarget {
  readonly url: URL;
  readonly addresses: string[];
}

// Placeholder until helper A's lands: a few ranges only; helper A's address-ranges.ts is the real list.
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
PRIVATE.addSubnet('::1', 128, 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

const refuse = (message: string) => new AppError('invalid', message);

/** Checks a webhook URL before anything is sent to it (placeholder until helper A's lands). */
export async function vetWebhookUrl(raw: string, deps: { resolve: Resolver; allow: AllowHosts }): Promise<VettedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('The webhook URL is not a valid absolute URL.');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const allowed = deps.allow.allows(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowed)) throw refuse('The webhook URL must start with https://.');
  if (url.username || url.password) throw refuse('The webhook URL must not hold a user name or password.');
  if (raw.length > 2048) throw refuse('The webhook URL must be at most 2048 characters.');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await deps.resolve(host)).map((a) => a.address);
  } catch {
    addresses = [];
  }
  if (addresses.length === 0) throw refuse("The webhook URL's host does not resolve.");
  if (!allowed && addresses.some((a) => PRIVATE.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4')))
    throw refuse(
      "The webhook URL's host resolves to a private or loopback address; webhooks go only to public addresses (an operator can allow a host with WEBHOOK_ALLOW_HOSTS).",
    );
  return { url, addresses };
}
