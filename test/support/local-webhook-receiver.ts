import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Connect } from '../../core/webhooks/outbound/vetted-agents';
import type { Resolver } from '../../core/webhooks/outbound/webhook-resolver';

export interface ReceivedWebhook {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The raw body as received, what a receiver verifies the signature over. */
  readonly body: string;
}

export interface LocalReceiver {
  readonly port: number;
  /** `http://127.0.0.1:<port><path>` */
  url(path?: string): string;
  readonly received: ReceivedWebhook[];
  /** TCP connections accepted so far (shows keep-alive reuse). */
  connections(): number;
  close(): Promise<void>;
}

/** A receiver on 127.0.0.1 (port 0) that records each request, then answers with `answer`. */
export async function startLocalReceiver(answer: (res: ServerResponse, request: ReceivedWebhook) => void): Promise<LocalReceiver> {
  const received: ReceivedWebhook[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      answer(res, request);
    });
  });
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A resolver that answers from a script, one answer per call (the last one repeats), and counts. */
export function scriptedResolver(...script: readonly (readonly string[])[]): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolver = async (host: string) => {
    const answer = script[Math.min(calls.length, script.length - 1)]!;
    calls.push(host);
    return answer.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
  };
  return Object.assign(resolver, { calls });
}

/** A connect hook that must never run: it records that it did, and its socket fails at once. */
export function tripwireConnect(): Connect & { reached: () => boolean } {
  let reached = false;
  const connect: Connect = () => {
    reached = true;
    throw new Error('the sender connected although the guard should have refused');
  };
  return Object.assign(connect, { reached: () => reached });
}
