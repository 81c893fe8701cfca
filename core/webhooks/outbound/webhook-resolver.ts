import { lookup } from 'node:dns/promises';

/**
 * Every A/AAAA answer for a host name. The guard resolves once and connects to what it vetted,
 * so it needs all answers (one private answer refuses) and a seam tests can replace: a stub
 * resolver makes `hooks.example.com` answer 169.254.169.254 without touching real DNS.
 */
export type Resolver = (host: string) => Promise<readonly { address: string; family: 4 | 6 }[]>;

/**
 * The system's resolver (getaddrinfo: /etc/hosts, then DNS), in the order it answers
 * (`verbatim`), so the sender connects to the address the system would have preferred.
 */
export const systemResolver: Resolver = async (host) => {
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};
