import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One webhook the receiver took: verified with the `standardwebhooks` package, as a platform would. */
export interface ReceivedWebhook {
  readonly id: string;
  readonly type: string;
  readonly timestamp: string;
  readonly data: Record<string, unknown>;
}

/**
 * A webhook receiver on 127.0.0.1 that verifies every request with the Standard Webhooks
 * reference library (`new Webhook(secret).verify(raw, headers)`) and keeps what it accepted, in
 * arrival order. `down` answers 503 to everything (a receiver that is down); `hold` keeps
 * requests unanswered until `release()` (a receiver slow enough to be cut mid-delivery).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Requests refused because they did not verify (never expected). */
  readonly rejected: string[] = [];
  /** Every request that arrived, accepted or not (ids), in order. */
  readonly arrivals: string[] = [];
  /** What each request was answered, in order ("<id> <status>"): says why a test saw more arrivals than it expected. */
  readonly answered: string[] = [];
  secret?: string;
  down = false;
  hold = false;
  private held: (() => void)[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(path = '/hooks'): Promise<WebhookReceiver> {
    const holder: { receiver?: WebhookReceiver } = {};
    const server = createServer(
      (req, res) =>
        void holder.receiver!.take(req).then(([status, text]) => {
          holder.receiver!.answered.push(`${String(req.headers['webhook-id'])} ${status}`);
          res.writeHead(status).end(text);
        }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
    return holder.receiver;
  }

  /** Received ids, each once: the receiver's de-duplication by webhook-id. */
  uniqueIds(): string[] {
    return [...new Set(this.received.map((r) => r.id))];
  }

  /** What arrived of one type, once per webhook-id. */
  ofType(type: string): ReceivedWebhook[] {
    const seen = new Set<string>();
    return this.received.filter((r) => r.type === type && !seen.has(r.id) && seen.add(r.id));
  }

  release(): void {
    this.hold = false;
    for (const answer of this.held.splice(0)) answer();
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async take(req: IncomingMessage): Promise<[number, string]> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    this.arrivals.push(String(req.headers['webhook-id']));
    if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve));
    if (this.down) return [503, 'down'];
    try {
      const body = new Webhook(this.secret!).verify(raw, req.headers as Record<string, string>) as Omit<ReceivedWebhook, 'id'>;
      this.received.push({ id: String(req.headers['webhook-id']), ...body });
      return [204, ''];
    } catch (error) {
      this.rejected.push(error instanceof Error ? error.message : String(error));
      return [400, 'not verified'];
    }
  }
}
