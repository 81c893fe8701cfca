import { AddressInfo, Server, Socket, connect, createServer } from 'node:net';

export interface CuttableProxy {
  /** The proxy's own address, to put in a connection URL in place of the real one. */
  readonly port: number;
  /** Drops every connection and refuses new ones: the server behind it is "down". */
  cut(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 to another address (or a Unix socket), that a test can cut the way a network or a
 * crashed database server would: open connections reset, new ones refused.
 */
export async function cuttableProxy(target: { host: string; port: number } | { path: string }): Promise<CuttableProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async cut() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
