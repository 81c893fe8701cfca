import { request } from 'node:http';

/**
 * A fetch that connects from a given loopback address (127.0.0.2, 127.0.0.3, …), so a test can
 * play callers on different machines against a service listening on this one.
 */
export function fetchFrom(localAddress: string): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const body = init?.body === undefined || init.body === null ? undefined : Buffer.from(init.body as string | Uint8Array);
    const headers = { ...(init?.headers as Record<string, string>), ...(body ? { 'content-length': String(body.length) } : {}) };
    return new Promise<Response>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: init?.method ?? 'GET', headers, localAddress },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const answerHeaders = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') answerHeaders.set(k, v);
            resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers: answerHeaders }));
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }) as typeof fetch;
}
