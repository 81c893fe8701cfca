import { createServer, request as httpRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One API call as a proxy in front of QuickBooks Online saw it, with the name of the instance that made it. */
export interface ProxiedCall {
  readonly instance: string;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly realmId?: string;
  /** Date.now() when the call arrived and when its answer was sent (or the call broke off). */
  readonly startMs: number;
  endMs?: number;
  status?: number;
}

/** A call kept from its answer until released (a sync held mid-run, so a test can kill its instance there). */
export interface HeldCall {
  /** Resolves with the call once one matching arrives. */
  readonly arrived: Promise<ProxiedCall>;
  /** Lets the held answer (if any) go on to the caller. */
  release(): void;
}

export interface RequestLogProxy {
  /** Give this to the instance as its QBO_API_BASE_URL. */
  readonly url: string;
  hold(match: (call: ProxiedCall) => boolean): HeldCall;
  stop(): Promise<void>;
}

const REALM = /^\/v3\/company\/([^/]+)\//;

/**
 * A pass-through HTTP proxy for one service instance's API calls to the QuickBooks Online
 * simulator, logging each into `log` with the instance's name. The simulator's own request log
 * cannot tell the instances apart (they share every token), and the service logs no line per
 * sync; the instance of each call is what lets a test find two syncs of one company at once.
 */
export async function startRequestLogProxy(target: string, instance: string, log: ProxiedCall[]): Promise<RequestLogProxy> {
  const upstream = new URL(target);
  const holds: { match: (call: ProxiedCall) => boolean; arrived: (call: ProxiedCall) => void; released: Promise<void> }[] = [];
  const releases: (() => void)[] = [];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const call: ProxiedCall = {
      instance,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      realmId: REALM.exec(url.pathname)?.[1],
      startMs: Date.now(),
    };
    log.push(call);
    const ended = () => (call.endMs ??= Date.now());
    res.once('close', ended);
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, async (answer) => {
      const index = holds.findIndex((h) => h.match(call));
      if (index >= 0) {
        const [held] = holds.splice(index, 1);
        held.arrived(call);
        await held.released;
      }
      // The caller is gone (its instance was killed while the answer was held): drop the answer.
      if (res.destroyed) return void answer.resume();
      call.status = answer.statusCode;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.once('error', () => res.destroy());
    res.on('error', () => undefined);
    req.once('error', () => forward.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    hold(match) {
      let arrived!: (call: ProxiedCall) => void;
      let release!: () => void;
      const arrival = new Promise<ProxiedCall>((resolve) => (arrived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.push({ match, arrived, released });
      releases.push(release);
      return { arrived: arrival, release };
    },
    async stop() {
      for (const release of releases) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
