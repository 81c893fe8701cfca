import { lookup } from 'node:dns';
import { Agent, IncomingMessage, request } from 'node:http';

/** Sockets kept open between calls, as a Web Connector's HTTP client keeps them. */
const keptAlive = new Agent({ keepAlive: true, lookup: cachedLookup() });

/**
 * A `fetch` for the simulated Web Connectors of a benchmark: one POST over node:http with the
 * socket kept for the next call. Undici's fetch cost the benchmark's process about 2 ms of CPU a
 * SOAP call (streams, abort signals, header guards), on the same two cores as the service it
 * measures; this costs a fraction of that, so the service is what the figures measure. It does
 * what the simulated Web Connector needs (status, headers, text) and nothing more: http only.
 */
export const httpPost: typeof fetch = (input, init) =>
  new Promise<Response>((resolve, reject) => {
    const url = new URL(String(input));
    if (url.protocol !== 'http:') throw new Error(`httpPost speaks http only, not ${url.protocol}`);
    const body = String(init?.body ?? '');
    const outgoing = request(
      url,
      {
        method: init?.method ?? 'POST',
        agent: keptAlive,
        headers: { ...(init?.headers as Record<string, string>), 'Content-Length': Buffer.byteLength(body) },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => resolve(answerOf(incoming, Buffer.concat(chunks).toString('utf8'))));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });

/**
 * The part of a fetch `Response` the simulated Web Connector reads (status, a header, the text):
 * undici's `Response` and `Headers`, built for every answer, were a tenth of the simulators' CPU
 * in benchmark 3's burst, on the cores the service's figures come from.
 */
function answerOf(incoming: IncomingMessage, text: string): Response {
  const answer = {
    status: incoming.statusCode ?? 0,
    headers: { get: (name: string) => headerText(incoming.headers[name.toLowerCase()]) },
    text: () => Promise.resolve(text),
  };
  return answer as unknown as Response;
}

function headerText(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * dns.lookup with the answer kept per host name, as each Web Connector's own machine keeps it.
 * Node resolves a name for every new socket on libuv's four threads; with 200 connectors
 * connecting at once in one process, those lookups queue there and spread the connects of the
 * burst over hundreds of milliseconds, a wait that is the benchmark's, not the service's.
 */
function cachedLookup(): typeof lookup {
  type Address = { address: string; family: number };
  const known = new Map<string, Promise<Address[]>>();
  return ((hostname: string, options: { all?: boolean }, callback: (error: Error | null, address: string | Address[], family?: number) => void) => {
    let answer = known.get(hostname);
    if (!answer) {
      answer = new Promise((resolve, reject) => lookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));
      known.set(hostname, answer);
    }
    answer.then(
      (addresses) => (options.all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family)),
      (error: Error) => callback(error, ''),
    );
  }) as unknown as typeof lookup;
}
