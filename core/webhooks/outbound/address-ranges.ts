import { BlockList } from 'node:net';
import { canonicalAddress } from './canonical-address';

/**
 * Addresses a webhook may never reach (platform-api.md §2.5, Svix's list, IANA's special-purpose
 * registries). Each row says why, so a reader can check the table against those lists.
 */
const IPV4_RANGES: readonly (readonly [string, number, string])[] = [
  ['0.0.0.0', 8, '"this network", incl. 0.0.0.0'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared address space (CGNAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local, incl. the cloud metadata service 169.254.169.254'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation (TEST-NET-1)'],
  ['192.88.99.0', 24, '6to4 relay anycast (reserved)'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation (TEST-NET-2)'],
  ['203.0.113.0', 24, 'documentation (TEST-NET-3)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved (class E), incl. the broadcast 255.255.255.255'],
];

/**
 * IPv6 is checked the other way round first: only global unicast (2000::/3) can be public, which
 * already excludes ::, ::1, fc00::/7 (ULA), fe80::/10, ff00::/8 (multicast), 64:ff9b::/96 and
 * 64:ff9b:1::/48 (NAT64, which would reach IPv4 behind the translator), 100::/64 (discard) and
 * 5f00::/16 (SRv6). Inside 2000::/3 these are still refused:
 */
const IPV6_RANGES: readonly (readonly [string, number, string])[] = [
  ['2001::', 23, 'IETF protocol assignments (Teredo, benchmarking 2001:2::/48, ORCHID)'],
  ['2001:db8::', 32, 'documentation'],
  ['2002::', 16, '6to4: embeds an IPv4 address we could not vet'],
  ['3fff::', 20, 'documentation'],
];

const blocked = new BlockList();
for (const [network, prefix] of IPV4_RANGES) blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of IPV6_RANGES) blocked.addSubnet(network, prefix, 'ipv6');
const globalUnicast = new BlockList();
globalUnicast.addSubnet('2000::', 3, 'ipv6');

/**
 * True when a webhook may be sent to this address: a valid, globally routable unicast address.
 * Anything else (not an address, private, loopback, link-local, reserved, an IPv4-mapped IPv6
 * spelling of one of those) is false: the guard fails closed.
 *
 * @example isPublicAddress('8.8.8.8') // true
 * @example isPublicAddress('::ffff:169.254.169.254') // false
 */
export function isPublicAddress(ip: string): boolean {
  const canonical = canonicalAddress(ip);
  if (!canonical) return false;
  if (canonical.family === 4) return !blocked.check(canonical.address, 'ipv4');
  return globalUnicast.check(canonical.address, 'ipv6') && !blocked.check(canonical.address, 'ipv6');
}
