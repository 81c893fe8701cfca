import { expect } from 'chai';
import { isPublicAddress } from '../../../../../core/webhooks/outbound/address-ranges';

/**
 * Each range of platform-api.md §2.5 with an address at its first and last edge (refused) and the
 * addresses just outside it (public, unless another range takes them: then the row says so).
 */
const TABLE: readonly (readonly [range: string, refused: readonly string[], publicOutside: readonly string[]])[] = [
  ['0.0.0.0/8', ['0.0.0.0', '0.255.255.255'], ['1.0.0.0']],
  ['10.0.0.0/8 private', ['10.0.0.0', '10.255.255.255'], ['9.255.255.255', '11.0.0.0']],
  ['100.64.0.0/10 CGNAT', ['100.64.0.0', '100.127.255.255'], ['100.63.255.255', '100.128.0.0']],
  ['127.0.0.0/8 loopback', ['127.0.0.1', '127.0.0.0', '127.255.255.255'], ['126.255.255.255', '128.0.0.0']],
  ['169.254.0.0/16 link-local', ['169.254.169.254', '169.254.0.0', '169.254.255.255'], ['169.253.255.255', '169.255.0.0']],
  ['172.16.0.0/12 private', ['172.16.0.0', '172.31.255.255'], ['172.15.255.255', '172.32.0.0']],
  ['192.0.0.0/24 IETF', ['192.0.0.0', '192.0.0.255'], ['191.255.255.255', '192.0.1.0']],
  ['192.0.2.0/24 TEST-NET-1', ['192.0.2.0', '192.0.2.255'], ['192.0.1.255', '192.0.3.0']],
  ['192.88.99.0/24 6to4 relay', ['192.88.99.0', '192.88.99.255'], ['192.88.98.255', '192.88.100.0']],
  ['192.168.0.0/16 private', ['192.168.0.0', '192.168.255.255'], ['192.167.255.255', '192.169.0.0']],
  ['198.18.0.0/15 benchmarking', ['198.18.0.0', '198.19.255.255'], ['198.17.255.255', '198.20.0.0']],
  ['198.51.100.0/24 TEST-NET-2', ['198.51.100.0', '198.51.100.255'], ['198.51.99.255', '198.51.101.0']],
  ['203.0.113.0/24 TEST-NET-3', ['203.0.113.0', '203.0.113.255'], ['203.0.112.255', '203.0.114.0']],
  ['224.0.0.0/4 multicast', ['224.0.0.0', '239.255.255.255'], ['223.255.255.255']],
  ['240.0.0.0/4 reserved + broadcast', ['240.0.0.0', '255.255.255.255'], []],
  ['::1 loopback', ['::1', '0:0:0:0:0:0:0:1'], []],
  [':: unspecified', ['::', '0:0:0:0:0:0:0:0'], []],
  ['fe80::/10 link-local', ['fe80::', 'fe80::1', 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], []],
  ['fc00::/7 ULA', ['fc00::', 'fd00::1', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], []],
  ['ff00::/8 multicast', ['ff00::', 'ff02::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], []],
  ['2001:db8::/32 documentation', ['2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff'], ['2001:db7:ffff:ffff:ffff:ffff:ffff:ffff', '2001:db9::']],
  ['3fff::/20 documentation', ['3fff::', '3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff'], ['3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '3fff:1000::']],
  ['100::/64 discard', ['100::', '100::ffff:ffff:ffff:ffff'], []],
  ['2002::/16 6to4', ['2002::', '2002:c000:0204::1', '2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], ['2003::1']],
  ['2001::/23 IETF (Teredo 2001::/32, benchmarking 2001:2::/48)', ['2001::1', '2001:2::1', '2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff'], ['2001:200::1']],
  ['64:ff9b::/96 NAT64', ['64:ff9b::', '64:ff9b::8.8.8.8', '64:ff9b::ffff:ffff'], []],
  ['64:ff9b:1::/48 local NAT64', ['64:ff9b:1::', '64:ff9b:1:ffff:ffff:ffff:ffff:ffff'], []],
  ['5f00::/16 SRv6', ['5f00::', '5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], []],
  ['outside 2000::/3 global unicast', ['1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '4000::', 'e000::'], ['2000::1', '3ffe::1']],
];

describe('isPublicAddress', () => {
  for (const [range, refused, outside] of TABLE) {
    describe(range, () => {
      for (const address of refused) it(`refuses ${address}`, () => expect(isPublicAddress(address)).to.equal(false));
      for (const address of outside) it(`lets the neighbour ${address} through`, () => expect(isPublicAddress(address)).to.equal(true));
    });
  }

  describe('with an IPv4 address written as IPv6', () => {
    for (const address of [
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::FFFF:7F00:0001',
      '[::ffff:127.0.0.1]',
      '::ffff:169.254.169.254',
      '::ffff:a9fe:a9fe',
      '::ffff:10.1.2.3',
      '::ffff:0.0.0.0',
      '::127.0.0.1',
      '::7f00:1',
    ]) {
      it(`refuses ${address} as the IPv4 address it reaches`, () => expect(isPublicAddress(address)).to.equal(false));
    }
    for (const address of ['::ffff:8.8.8.8', '::ffff:808:808', '::8.8.8.8']) {
      it(`lets ${address} through as 8.8.8.8`, () => expect(isPublicAddress(address)).to.equal(true));
    }
  });

  describe('with public addresses', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '93.184.215.14', '2606:4700::1111', '2606:4700:4700::1111', '[2606:4700::1111]', '2a00:1450:4001:80b::200e']) {
      it(`lets ${address} through`, () => expect(isPublicAddress(address)).to.equal(true));
    }
  });

  describe('with something that is not one address', () => {
    for (const text of [
      '',
      'localhost',
      'hooks.example.com',
      '127.1',
      '0x7f.0.0.1',
      '2130706433',
      '8.8.8.8/32',
      '256.1.1.1',
      'fe80::1%eth0',
      '2606:4700::1111%1',
      ' 8.8.8.8',
    ]) {
      it(`refuses ${JSON.stringify(text)} (fails closed)`, () => expect(isPublicAddress(text)).to.equal(false));
    }
  });
});
