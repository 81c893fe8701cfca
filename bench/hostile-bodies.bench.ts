import { connect } from 'node:net';
import { percentile, printSummary, startBenchService } from './support/bench-service';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';

/** The bodies the edge issue measured holding the old service for seconds, each under the 32 MB limit. */
const HOSTILE: readonly { name: string; body: () => Buffer }[] = [
  { name: 'one 30 MB attribute', body: () => Buffer.from(`<soap:Envelope xmlns:soap="${SOAP11}" a="${'x'.repeat(30 * 1024 * 1024)}"/>`) },
  {
    name: '1.5 M attributes',
    body: () => Buffer.from(`<soap:Envelope xmlns:soap="${SOAP11}" ${Array.from({ length: 1_500_000 }, (_, i) => `a${i}=""`).join(' ')}/>`),
  },
  {
    name: '3.9 M elements',
    body: () => Buffer.from(`<soap:Envelope xmlns:soap="${SOAP11}"><soap:Header>${'<a/>'.repeat(3_900_000)}</soap:Header></soap:Envelope>`),
  },
  { name: '400,000 levels of nesting', body: () => Buffer.from(`<soap:Envelope xmlns:soap="${SOAP11}"><soap:Header>${'<a>'.repeat(400_000)}`) },
  {
    name: '30 MB of text in one parameter',
    body: () =>
      Buffer.from(
        `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><authenticate xmlns="http://developer.intuit.com/"><strUserName>${'u'.repeat(30 * 1024 * 1024)}</strUserName></authenticate></soap:Body></soap:Envelope>`,
      ),
  },
];

/**
 * Posts a body over a raw socket as a client on a fast link would (64 KiB writes) and times the
 * answer's first bytes. Raw, because Node's http client gives up on a request whose answer
 * arrives before its body is sent, which is exactly what a refusal looks like.
 */
function post(url: URL, body: Buffer): Promise<{ ms: number; status: number; text: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let answer = '';
    let ms = 0;
    socket.on('data', (chunk: Buffer) => {
      ms ||= performance.now() - started;
      answer += chunk.toString('utf8');
      const [head, text] = answer.split('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(head ?? '')?.[1] ?? -1);
      if (text !== undefined && Buffer.byteLength(text) >= length) {
        socket.destroy();
        resolve({ ms, status: Number(head.split(' ')[1]), text });
      }
    });
    socket.on('error', reject);
    socket.on('connect', () => {
      socket.write(`POST /qbwc HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n`);
      let at = 0;
      const pump = () => {
        while (at < body.length && !socket.destroyed) {
          const more = socket.write(body.subarray(at, at + 65536));
          at += 65536;
          if (!more) return void socket.once('drain', pump);
        }
      };
      pump();
    });
  });
}

/**
 * Hostile bodies against the service in its own process, one after the other, while another
 * client asks GET /health every 10 ms: how soon each is refused, how long /health waits
 * meanwhile, and the service's peak memory (VmHWM) over the whole run.
 */
async function main(): Promise<void> {
  const service = await startBenchService();
  try {
    const url = new URL(service.url);
    // Built before the probe starts: building a 30 MB string holds this process's own event loop.
    const bodies = HOSTILE.map((h) => ({ name: h.name, body: h.body() }));
    // Warm up: the first /health calls open the database pool and compile the route.
    for (let i = 0; i < 20; i++) await fetch(`${service.url}/health`);
    const health: number[] = [];
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const t = performance.now();
        await fetch(`${service.url}/health`);
        health.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const rows: string[] = [];
    let slowest = 0;
    for (const hostile of bodies) {
      const body = hostile.body;
      const from = health.length;
      const answer = await post(url, body);
      await new Promise((r) => setTimeout(r, 200)); // probes while the refused body drains
      const during = health.slice(from);
      if (answer.status !== 500 || !answer.text.includes('<faultcode>soap:Client</faultcode>'))
        throw new Error(`${hostile.name}: answered ${answer.status} ${answer.text.slice(0, 200)}`);
      slowest = Math.max(slowest, answer.ms);
      rows.push(
        `  ${hostile.name.padEnd(32)} ${(body.length / 2 ** 20).toFixed(1).padStart(5)} MB  refused in ${answer.ms.toFixed(0).padStart(4)} ms; /health meanwhile p99 ${percentile(during, 99).toFixed(1)} ms (n=${during.length})`,
      );
    }
    probing = false;
    await probe;
    const p99 = percentile(health, 99);
    const rss = service.peakRssMb();
    console.log('Hostile SOAP bodies, one after the other, while GET /health is asked every 10 ms');
    console.log(rows.join('\n'));
    console.log(
      `  /health over the whole run: p50 ${percentile(health, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...health).toFixed(1)} ms (n=${health.length}); service peak RSS ${rss.toFixed(0)} MB`,
    );
    printSummary({
      benchmark: '5. hostile SOAP bodies (30 MB attribute, 1.5 M attributes, 3.9 M elements, 400k nesting, 30 MB parameter)',
      measured: `slowest refusal ${slowest.toFixed(0)} ms; /health p99 ${p99.toFixed(1)} ms; service peak RSS ${rss.toFixed(0)} MB`,
      target: 'refused < 1 s, /health p99 < 100 ms, RSS < 300 MB',
      met: slowest < 1000 && p99 < 100 && rss < 300,
      comparison: 'before the streaming reader: /health held 5-30 s, 1.6-2.1 GB',
    });
  } finally {
    await service.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
