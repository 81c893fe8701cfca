import { request as httpRequest, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { AppError } from '../../errors/app-error';
import type { AllowHosts } from './allow-hosts';
import { canonicalAddress } from './canonical-address';
import { networkErrorText } from './network-error-text';
import { parseRetryAfter } from './parse-retry-after';
import { VettedAgents, defaultConnect, type Connect, type ConnectTarget } from './vetted-agents';
import { vetWebhookUrl } from './vet-webhook-url';
import type { Resolver } from './webhook-resolver';

/** What one POST to an endpoint came to. Never thrown: a delivery problem is data. */
export interface DeliveryAttempt {
  readonly ok: boolean;
  /** The HTTP status, null when no answer came (refused, network error, timeout). */
  readonly status: number | null;
  /** 410: the receiver asks us to stop; the caller disables the endpoint. */
  readonly gone: boolean;
  readonly retryAfterSeconds: number | null;
  /** A short text for the partner's delivery list; null on success. */
  readonly error: string | null;
  readonly durationMs: number;
}

export interface WebhookRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface WebhookSender {
  send(request: WebhookRequest): Promise<DeliveryAttempt>;
  /** Closes the kept-alive connections (shutdown). */
  close(): void;
}

export interface WebhookSenderOptions {
  readonly resolve: Resolver;
  readonly allow: AllowHosts;
  readonly connect?: Connect;
  /** For the whole attempt (default 15 s): vet, connect, send, status line; an answer body still coming then is cut. */
  readonly timeoutMs?: number;
  /** Answer bytes read before the connection is dropped (default 64 KiB); the body is never kept. */
  readonly maxResponseBytes?: number;
  /** Wall clock in ms, for a `retry-after` HTTP date (default Date.now). */
  readonly now?: () => number;
}

/**
 * The one way a webhook leaves the service. Each send vets the URL again (DNS may have changed
 * since registration), then connects to the FIRST vetted address itself: the request carries the
 * URL's host only in `Host` and SNI, so no second lookup can send it elsewhere. Redirects are
 * never followed. The answer's body is drained and dropped, up to maxResponseBytes.
 *
 * @example
 * const sender = createWebhookSender({ resolve: systemResolver, allow: readAllowHosts(env) });
 * const attempt = await sender.send({ url, headers, body }); // { ok: true, status: 204, ... }
 */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const { resolve, allow, timeoutMs = 15_000, maxResponseBytes = 64 * 1024, now = Date.now } = options;
  const agents = new VettedAgents(options.connect ?? defaultConnect);

  async function send(request: WebhookRequest): Promise<DeliveryAttempt> {
    const started = performance.now();
    const result = (partial: Omit<DeliveryAttempt, 'durationMs'>): DeliveryAttempt => ({
      ...partial,
      durationMs: Math.round(performance.now() - started),
    });
    const failure = (error: string, status: number | null = null) => result({ ok: false, status, gone: false, retryAfterSeconds: null, error });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((done) => (timer = setTimeout(() => done('timeout'), timeoutMs)));
    try {
      const vetted = await Promise.race([vetWebhookUrl(request.url, { resolve, allow }), timedOut]);
      if (vetted === 'timeout') return failure('timed out');
      const { url, addresses } = vetted;
      const tls = url.protocol === 'https:';
      const literal = canonicalAddress(url.hostname) !== null; // SNI never carries an IP address
      const target: ConnectTarget = {
        host: addresses[0]!,
        port: Number(url.port) || (tls ? 443 : 80),
        tls,
        ...(literal ? {} : { servername: url.hostname }),
      };
      const answer = await post(target, url, request, agents, timedOut, maxResponseBytes);
      if (answer === 'timeout') return failure('timed out');
      const { status, retryAfter } = answer;
      const retryAfterSeconds = parseRetryAfter(retryAfter, now());
      if (status >= 200 && status < 300) return result({ ok: true, status, gone: false, retryAfterSeconds, error: null });
      const error = status >= 300 && status < 400 ? 'redirect not followed' : status === 410 ? 'gone: the endpoint asks to stop' : `HTTP ${status}`;
      return result({ ok: false, status, gone: status === 410, retryAfterSeconds, error });
    } catch (error) {
      return failure(error instanceof AppError ? error.userMessage : networkErrorText(error));
    } finally {
      clearTimeout(timer);
    }
  }

  return { send, close: () => agents.close() };
}

/** POSTs and waits for the status line and the drained (or cut) body; 'timeout' destroys the request. */
function post(
  target: ConnectTarget,
  url: URL,
  request: WebhookRequest,
  agents: VettedAgents,
  timedOut: Promise<'timeout'>,
  maxResponseBytes: number,
): Promise<{ status: number; retryAfter: string | string[] | undefined } | 'timeout'> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...request.headers };
    for (const name of Object.keys(headers)) if (/^(host|content-length|connection|transfer-encoding)$/i.test(name)) delete headers[name];
    headers['host'] = url.host; // the name the user gave, with its port; the socket goes to the vetted address
    headers['content-length'] = Buffer.byteLength(request.body);
    const req = httpRequest({ host: target.host, port: target.port, method: 'POST', path: url.pathname + url.search, headers, agent: agents.agentFor(target) });
    let answered: { status: number; retryAfter: string | string[] | undefined } | undefined;
    void timedOut.then(() => {
      req.destroy();
      // A status that came in time stands: the receiver has the event even if its body dawdles.
      resolve(answered ?? 'timeout');
    });
    req.on('error', reject);
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      answered = { status, retryAfter: res.headers['retry-after'] };
      const done = () => resolve(answered!);
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > maxResponseBytes) {
          res.destroy(); // the socket goes with it; the pool opens a fresh one next time
          done();
        }
      });
      res.on('end', done);
      res.on('error', done); // the status is known; a broken body does not change what it said
      res.on('close', done);
    });
    req.end(request.body);
  });
}
