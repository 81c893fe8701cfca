import { promises as dns } from 'node:dns';

/** Every A/AAAA answer for a host name (placeholder until helper A's lands). */
export type Resolver = (host: string) => Promise<readonly { address: string; family: 4 | 6 }[]>;

export const systemResolver: Resolver = async (host) =>
  (await dns.lookup(host, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
