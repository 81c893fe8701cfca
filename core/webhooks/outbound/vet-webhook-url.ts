import { AppError } from '../../errors/app-error';
import { isPublicAddress } from './address-ranges';
import type { AllowHosts } from './allow-hosts';
import { canonicalAddress } from './canonical-address';
import type { Resolver } from './webhook-resolver';

/** A URL that passed the guard, with the addresses it may be reached at (connect only to these). */
export interface VettedTarget {
  readonly url: URL;
  /** Every address the host resolved to, all vetted, in the resolver's order. */
  readonly addresses: string[];
}

export const MAX_WEBHOOK_URL_LENGTH = 2048;
const ALLOW_HINT = '(an operator can allow a host with WEBHOOK_ALLOW_HOSTS)';

/**
 * The SSRF guard, run at registration AND before every delivery (DNS may have changed since):
 * https only (http for allow-listed hosts), no credentials, at most 2048 characters, and every
 * address the host resolves to must be public unless the host or that address is allow-listed.
 * One private answer among public ones refuses: a rebinding name would otherwise win half the
 * time. Messages name the rule and may name the host the user gave, never the addresses it
 * resolved to (they would map the inside of our network for whoever registers URLs); those go
 * in `detail`, for the logs.
 *
 * @example await vetWebhookUrl('https://hooks.example.com/in', { resolve: systemResolver, allow })
 */
export async function vetWebhookUrl(raw: string, deps: { resolve: Resolver; allow: AllowHosts }): Promise<VettedTarget> {
  const url = parseUrl(raw);
  const host = url.hostname;
  const hostAllowed = deps.allow.allows(host);
  if (url.protocol === 'http:' && !hostAllowed) {
    throw new AppError('invalid', `The webhook URL must use https (http only for a host an operator allows) ${ALLOW_HINT}.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new AppError('invalid', 'The webhook URL must not carry a user name or password; put a token in the path if the receiver needs one.');
  }
  const literal = canonicalAddress(host);
  const addresses = literal ? [host.replace(/^\[|\]$/g, '')] : await resolveAll(host, deps.resolve);
  if (hostAllowed) return { url, addresses };
  const refused = addresses.filter((address) => !isPublicAddress(address) && !deps.allow.allows(address));
  if (refused.length > 0) {
    const subject = literal ? "The webhook URL's address is" : `The webhook URL's host ${host} resolves to`;
    throw new AppError('invalid', `${subject} a private, loopback or reserved address; webhooks go only to public addresses ${ALLOW_HINT}.`, {
      detail: `refused ${refused.join(', ')} of ${addresses.join(', ')}`,
    });
  }
  return { url, addresses };
}

function parseUrl(raw: string): URL {
  if (typeof raw !== 'string' || raw.trim() === '') throw new AppError('invalid', 'The webhook URL is missing.');
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) {
    throw new AppError('invalid', `The webhook URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters.`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('invalid', 'The webhook URL is not a valid absolute URL (https://…).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('invalid', `The webhook URL must use https, not ${url.protocol.replace(/:$/, '')}.`);
  }
  if (url.hostname === '') throw new AppError('invalid', 'The webhook URL has no host.');
  return url;
}

async function resolveAll(host: string, resolve: Resolver): Promise<string[]> {
  let answers: readonly { address: string }[];
  try {
    answers = await resolve(host);
  } catch (error) {
    const code = (error as { code?: string }).code;
    // A name that does not exist is the user's to fix; anything else (timeout, SERVFAIL) may pass.
    if (code === 'ENOTFOUND' || code === 'ENODATA') {
      throw new AppError('invalid', `The webhook URL's host ${host} does not resolve to any address.`, { cause: error });
    }
    throw new AppError('transient', `The webhook URL's host ${host} could not be resolved just now; try again.`, { detail: code, cause: error });
  }
  if (answers.length === 0) throw new AppError('invalid', `The webhook URL's host ${host} does not resolve to any address.`);
  return answers.map((answer) => answer.address);
}
