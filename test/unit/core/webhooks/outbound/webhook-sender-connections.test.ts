import { expect } from 'chai';
import { connect as netConnect } from 'node:net';
import { readAllowHosts } from '../../../../../core/webhooks/outbound/allow-hosts';
import type { Connect, ConnectTarget } from '../../../../../core/webhooks/outbound/vetted-agents';
import { createWebhookSender } from '../../../../../core/webhooks/outbound/webhook-sender';
import { scriptedResolver, startLocalReceiver, type LocalReceiver } from '../../../../support/local-webhook-receiver';

const NOBODY = readAllowHosts({});
const LOCAL = readAllowHosts({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1,localhost' });
const REQUEST = { headers: { 'content-type': 'application/json' }, body: '{"type":"webhook.test"}' };

/** A connect hook that records where the sender asked to go and dials the local receiver instead. */
function redirectingConnect(local: LocalReceiver): Connect & { targets: ConnectTarget[] } {
  const targets: ConnectTarget[] = [];
  const connect: Connect = (target) => {
    targets.push(target);
    return netConnect({ host: '127.0.0.1', port: local.port });
  };
  return Object.assign(connect, { targets });
}

describe('WebhookSender connections', () => {
  let local: LocalReceiver;
  beforeEach(async () => (local = await startLocalReceiver((res) => res.writeHead(200).end('ok'))));
  afterEach(() => local.close());

  it('dials the first vetted address with the URL host as SNI, and resolves once per delivery', async () => {
    const resolve = scriptedResolver(['93.184.215.14', '2606:4700::1111']);
    const connect = redirectingConnect(local);
    const sender = createWebhookSender({ resolve, allow: NOBODY, connect });
    try {
      // https goes through the hook; here the hook hands back a plain socket to the local receiver,
      // so nothing leaves 127.0.0.1 and the request shows what would have gone to 93.184.215.14.
      const attempt = await sender.send({ url: 'https://hooks.example.com/in', ...REQUEST });
      expect(attempt).to.include({ ok: true, status: 200 });
      expect(connect.targets).to.deep.equal([{ host: '93.184.215.14', port: 443, tls: true, servername: 'hooks.example.com' }]);
      expect(local.received[0]!.headers.host).to.equal('hooks.example.com');
      expect(resolve.calls).to.deep.equal(['hooks.example.com']);
    } finally {
      sender.close();
    }
  });

  it('sends no SNI name for a URL that names an IP address', async () => {
    const connect = redirectingConnect(local);
    const sender = createWebhookSender({ resolve: scriptedResolver([]), allow: NOBODY, connect });
    try {
      expect(await sender.send({ url: 'https://8.8.8.8:8443/in', ...REQUEST })).to.include({ ok: true });
      expect(connect.targets).to.deep.equal([{ host: '8.8.8.8', port: 8443, tls: true }]);
    } finally {
      sender.close();
    }
  });

  it('reuses one connection for deliveries to the same vetted address, and still vets each one', async () => {
    const resolve = scriptedResolver(['127.0.0.1'], ['127.0.0.1'], ['127.0.0.1'], ['10.0.0.7']);
    const connect = redirectingConnect(local);
    const sender = createWebhookSender({ resolve, allow: LOCAL, connect });
    try {
      // hooks.example.com is not listed, but the address it answers is: https to it passes the guard.
      const url = 'https://hooks.example.com/in';
      const attempts = [];
      for (let i = 0; i < 3; i += 1) attempts.push(await sender.send({ url, ...REQUEST }));
      expect(attempts.map((a) => a.ok)).to.deep.equal([true, true, true]);
      expect(local.received).to.have.length(3);
      expect(local.connections(), 'TCP connections for three deliveries').to.equal(1);
      // the name now answers a private address: a live pooled socket must not carry the next delivery
      const refused = await sender.send({ url, ...REQUEST });
      expect(refused).to.include({ ok: false, status: null });
      expect(refused.error).to.contain('private');
      expect(local.received).to.have.length(3);
      expect(connect.targets).to.have.length(1);
    } finally {
      sender.close();
    }
  });

  it('opens a new connection after close()', async () => {
    const sender = createWebhookSender({ resolve: scriptedResolver(['127.0.0.1']), allow: LOCAL });
    try {
      await sender.send({ url: local.url(), ...REQUEST });
      sender.close();
      await sender.send({ url: local.url(), ...REQUEST });
      expect(local.received).to.have.length(2);
      expect(local.connections()).to.equal(2);
    } finally {
      sender.close();
    }
  });
});
