import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAllowHosts } from '../../../../../core/webhooks/outbound/allow-hosts';
import { createWebhookSender } from '../../../../../core/webhooks/outbound/webhook-sender';
import { scriptedResolver } from '../../../../support/local-webhook-receiver';

/** A self-signed certificate for localhost / 127.0.0.1, made by openssl for this run only. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'webhook-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('WebhookSender over https (the default connect)', () => {
  let server: Server;
  let port: number;
  let requests = 0;
  before(async function () {
    let credentials: { key: Buffer; cert: Buffer };
    try {
      credentials = selfSignedCertificate();
    } catch {
      if (process.env['CI']) throw new Error('openssl is needed to make a test certificate');
      return this.skip();
    }
    server = createServer(credentials, (_req, res) => {
      requests += 1;
      res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  after(() => server?.close());

  it('checks the certificate: one nobody vouches for is refused before anything is sent', async () => {
    const sender = createWebhookSender({ resolve: scriptedResolver(['127.0.0.1']), allow: readAllowHosts({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1,localhost' }) });
    try {
      for (const url of [`https://127.0.0.1:${port}/in`, `https://localhost:${port}/in`]) {
        const attempt = await sender.send({ url, headers: { 'content-type': 'application/json' }, body: '{}' });
        expect(attempt, url).to.include({ ok: false, status: null, error: 'TLS: self-signed certificate' });
      }
      expect(requests).to.equal(0);
    } finally {
      sender.close();
    }
  });
});
