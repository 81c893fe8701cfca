import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { readAllowHosts } from '../../../../../core/webhooks/outbound/allow-hosts';
import { createWebhookSender, type WebhookSender } from '../../../../../core/webhooks/outbound/webhook-sender';
import { newWebhookSecret, signWebhook } from '../../../../../core/webhooks/outbound/webhook-signature';
import { freePort } from '../../../../support/free-port';
import { scriptedResolver, startLocalReceiver, type LocalReceiver } from '../../../../support/local-webhook-receiver';

const LOCAL = readAllowHosts({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1,localhost' });
const BODY = JSON.stringify({ type: 'invoice.created', timestamp: '2026-12-02T10:00:00.000Z', data: { id: 'inv_1' } });

describe('WebhookSender, talking to a receiver on 127.0.0.1', () => {
  const open: LocalReceiver[] = [];
  let sender: WebhookSender;
  const receiver = async (answer: Parameters<typeof startLocalReceiver>[0]) => {
    const started = await startLocalReceiver(answer);
    open.push(started);
    return started;
  };
  const send = (url: string) => sender.send({ url, headers: { 'content-type': 'application/json' }, body: BODY });

  beforeEach(() => (sender = createWebhookSender({ resolve: scriptedResolver(['127.0.0.1']), allow: LOCAL })));
  afterEach(async () => {
    sender.close();
    await Promise.all(open.splice(0).map((r) => r.close()));
  });

  it('POSTs the headers and body it was given, signed so the reference receiver accepts them, and a 200 is ok', async () => {
    const secret = newWebhookSecret();
    const local = await receiver((res) => res.writeHead(200).end('thanks'));
    const ts = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'test-sender/1',
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(ts),
      'webhook-signature': signWebhook(secret, 'msg_1', ts, BODY),
    };
    const attempt = await sender.send({ url: local.url('/hooks/in?tenant=7'), headers, body: BODY });
    expect(attempt).to.include({ ok: true, status: 200, gone: false, error: null, retryAfterSeconds: null });
    expect(attempt.durationMs).to.be.a('number');
    const [got] = local.received;
    expect(got).to.include({ method: 'POST', path: '/hooks/in?tenant=7', body: BODY });
    expect(got!.headers).to.include({ ...headers, host: `127.0.0.1:${local.port}`, 'content-length': String(Buffer.byteLength(BODY)) });
    expect(new Webhook(secret).verify(got!.body, got!.headers as Record<string, string>)).to.deep.equal(JSON.parse(BODY));
  });

  it('sends the name the user gave as Host while connecting to the address it vetted', async () => {
    const local = await receiver((res) => res.writeHead(204).end());
    const attempt = await send(`http://localhost:${local.port}/in`);
    expect(attempt).to.include({ ok: true, status: 204 });
    expect(local.received[0]!.headers.host).to.equal(`localhost:${local.port}`);
  });

  it('counts a 500 as a failure with its status', async () => {
    const local = await receiver((res) => res.writeHead(500).end('boom'));
    expect(await send(local.url())).to.include({ ok: false, status: 500, gone: false, error: 'HTTP 500' });
  });

  it('never follows a redirect: a 302 fails and its target is never hit', async () => {
    const elsewhere = await receiver((res) => res.writeHead(200).end());
    const local = await receiver((res) => res.writeHead(302, { location: elsewhere.url('/stolen') }).end());
    expect(await send(local.url())).to.include({ ok: false, status: 302, error: 'redirect not followed' });
    expect(elsewhere.received).to.have.length(0);
    expect(elsewhere.connections()).to.equal(0);
  });

  it('reads a 410 as the receiver asking us to stop', async () => {
    const local = await receiver((res) => res.writeHead(410).end());
    expect(await send(local.url())).to.include({ ok: false, status: 410, gone: true });
  });

  it('passes on retry-after in seconds', async () => {
    const local = await receiver((res) => res.writeHead(503, { 'retry-after': '120' }).end());
    expect(await send(local.url())).to.include({ ok: false, status: 503, retryAfterSeconds: 120 });
  });

  it('passes on retry-after given as an HTTP date, in seconds from its clock', async () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    sender = createWebhookSender({ resolve: scriptedResolver(['127.0.0.1']), allow: LOCAL, now: () => now });
    const local = await receiver((res) => res.writeHead(429, { 'retry-after': 'Wed, 02 Dec 2026 10:05:00 GMT' }).end());
    expect(await send(local.url())).to.include({ ok: false, status: 429, retryAfterSeconds: 300 });
  });

  it('gives up on a receiver that never answers after timeoutMs', async () => {
    sender = createWebhookSender({ resolve: scriptedResolver(['127.0.0.1']), allow: LOCAL, timeoutMs: 300 });
    const local = await receiver(() => undefined);
    expect(await send(local.url())).to.include({ ok: false, status: null, error: 'timed out' });
    expect(local.received).to.have.length(1);
  });

  it('keeps a 2xx that came in time although its body is still coming when time is up', async () => {
    sender = createWebhookSender({ resolve: scriptedResolver(['127.0.0.1']), allow: LOCAL, timeoutMs: 300 });
    const local = await receiver((res) => res.writeHead(202, { 'content-length': '10' }).write('half'));
    expect(await send(local.url())).to.include({ ok: true, status: 202, error: null });
  });

  it('cuts an endless answer at maxResponseBytes and drops the connection', async () => {
    sender = createWebhookSender({ resolve: scriptedResolver(['127.0.0.1']), allow: LOCAL, maxResponseBytes: 1024, timeoutMs: 600_000 });
    let hungUp!: () => void;
    const cut = new Promise<void>((resolve) => (hungUp = resolve));
    const local = await receiver((res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on('drain', pump);
      res.on('close', hungUp); // only the sender hanging up ends this answer
      pump();
    });
    expect(await send(local.url())).to.include({ ok: true, status: 200 });
    await cut;
  });

  it('reports a closed port as a short error', async () => {
    const attempt = await send(`http://127.0.0.1:${await freePort()}/in`);
    expect(attempt).to.include({ ok: false, status: null, error: 'connection refused' });
  });
});
