import type { AddressInfo } from 'node:net';

const EVERY_INTERFACE = new Set(['0.0.0.0', '::']);
const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** Where a server listens, as the socket says, not as configured. */
export interface ListenAddress {
  /** `host:port` as bound (IPv6 in brackets), e.g. `0.0.0.0:8080`. */
  readonly text: string;
  /** Who can reach it, in words an operator checks a firewall against. */
  readonly reach: 'every interface' | 'this machine only' | 'this address only';
  /** A URL that reaches it from this machine (loopback when it listens everywhere). */
  readonly localUrl: string;
}

/**
 * Describes a bound socket. The start-up line once printed 127.0.0.1 while the service
 * listened on every interface; reading the socket's own address keeps the two from drifting.
 */
export function listenAddressOf(bound: AddressInfo): ListenAddress {
  const bracket = (host: string) => (host.includes(':') ? `[${host}]` : host);
  const everywhere = EVERY_INTERFACE.has(bound.address);
  const localHost = everywhere ? '127.0.0.1' : bound.address;
  return {
    text: `${bracket(bound.address)}:${bound.port}`,
    reach: everywhere ? 'every interface' : LOOPBACK.test(bound.address) ? 'this machine only' : 'this address only',
    localUrl: `http://${bracket(localHost)}:${bound.port}`,
  };
}
