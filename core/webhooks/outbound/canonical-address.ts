import { isIPv4, isIPv6 } from 'node:net';

/** An IP address in one spelling per address, so a check or a comparison cannot be dodged by notation. */
export interface CanonicalAddress {
  readonly family: 4 | 6;
  /** IPv4 dotted quad, or IPv6 as eight lower-case hextets without zero compression. */
  readonly address: string;
}

/**
 * Reads an IP address the way a connection would use it: brackets dropped, IPv6 expanded, and an
 * IPv4-mapped (`::ffff:127.0.0.1`, `::ffff:7f00:1`) or IPv4-compatible (`::7f00:1`) IPv6 address
 * turned into the IPv4 address it reaches, so the IPv4 ranges apply to it. Null for anything that
 * is not an address, and for a scoped IPv6 address (`fe80::1%eth0`): a zone means a local link.
 */
export function canonicalAddress(raw: string): CanonicalAddress | null {
  const text = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  if (isIPv4(text)) return { family: 4, address: text };
  if (!isIPv6(text) || text.includes('%')) return null;
  const hextets = expandIPv6(text.toLowerCase());
  const zeros = (n: number) => hextets.slice(0, n).every((h) => h === 0);
  const tail = hextets[6]! * 65536 + hextets[7]!;
  const mapped = zeros(5) && hextets[5] === 0xffff;
  // ::/96 minus :: and ::1 is the deprecated IPv4-compatible form; a stack may still route it to IPv4.
  const compatible = zeros(6) && tail > 1;
  if (mapped || compatible) return { family: 4, address: [tail >>> 24, (tail >>> 16) & 255, (tail >>> 8) & 255, tail & 255].join('.') };
  return { family: 6, address: hextets.map((h) => h.toString(16)).join(':') };
}

function expandIPv6(text: string): number[] {
  let body = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    body = body.slice(0, -dotted[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = body.split('::') as [string, string | undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const left = parse(head);
  if (rest === undefined) return left;
  const right = parse(rest);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
