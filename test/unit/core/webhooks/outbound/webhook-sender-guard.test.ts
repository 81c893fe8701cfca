import { expect } from 'chai';
import { readAllowHosts } from '../../../../../core/webhooks/outbound/allow-hosts';
import { vetWebhookUrl } from '../../../../../core/webhooks/outbound/vet-webhook-url';
import { createWebhookSender, type DeliveryAttempt } from '../../../../../core/webhooks/outbound/webhook-sender';
import type { Resolver } from '../../../../../core/webhooks/outbound/webhook-resolver';
import { scriptedResolver, tripwireConnect } from '../../../../support/local-webhook-receiver';

const NOBODY = readAllowHosts({});
const REQUEST = { headers: { 'content-type': 'application/json' }, body: '{"type":"webhook.test"}' };

async function sendThroughTripwire(url: string, resolve: Resolver): Promise<DeliveryAttempt> {
  const connect = tripwireConnect();
  const sender = createWebhookSender({ resolve, allow: NOBODY, connect });
  try {
    const attempt = await sender.send({ url, ...REQUEST });
    expect(connect.reached(), 'the sender connected').to.equal(false);
    return attempt;
  } finally {
    sender.close();
  }
}

function expectRefused(attempt: DeliveryAttempt, words: string): void {
  expect(attempt).to.include({ ok: false, status: null, gone: false, retryAfterSeconds: null });
  expect(attempt.error).to.contain(words);
}

describe('WebhookSender, before it connects', () => {
  for (const address of ['10.1.2.3', '169.254.169.254', '127.0.0.1', 'fd00::1', '::ffff:7f00:1']) {
    it(`refuses hooks.example.com answering ${address}, with the guard's message, and never connects`, async () => {
      const attempt = await sendThroughTripwire('https://hooks.example.com/in', scriptedResolver([address]));
      expectRefused(attempt, 'hooks.example.com resolves to a private, loopback or reserved address');
    });
  }

  it('refuses at delivery when DNS changed its answer since the URL was vetted at registration', async () => {
    const resolve = scriptedResolver(['93.184.215.14'], ['169.254.169.254']);
    const registered = await vetWebhookUrl('https://hooks.example.com/in', { resolve, allow: NOBODY });
    expect(registered.addresses).to.deep.equal(['93.184.215.14']);
    const attempt = await sendThroughTripwire('https://hooks.example.com/in', resolve);
    expectRefused(attempt, 'private, loopback or reserved');
    expect(resolve.calls).to.have.length(2); // looked up again at delivery, not trusted from registration
  });

  it('refuses a rebinding name answering one public and one private address', async () => {
    expectRefused(await sendThroughTripwire('https://hooks.example.com/in', scriptedResolver(['8.8.8.8', '192.168.0.10'])), 'private');
    expectRefused(await sendThroughTripwire('https://hooks.example.com/in', scriptedResolver(['fd00::1', '2606:4700::1111'])), 'private');
  });

  it('refuses http to a public host nobody allowed, credentials, ftp and an over-long URL', async () => {
    const resolve = scriptedResolver(['8.8.8.8']);
    expectRefused(await sendThroughTripwire('http://hooks.example.com/in', resolve), 'must use https');
    expectRefused(await sendThroughTripwire('https://me:pw@hooks.example.com/in', resolve), 'user name or password');
    expectRefused(await sendThroughTripwire('ftp://hooks.example.com/in', resolve), 'must use https, not ftp');
    expectRefused(await sendThroughTripwire(`https://hooks.example.com/${'x'.repeat(2100)}`, resolve), 'longer than 2048');
  });

  it('answers a resolver failure as a failed attempt instead of throwing', async () => {
    const resolve: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
    };
    expectRefused(await sendThroughTripwire('https://hooks.example.com/in', resolve), 'could not be resolved just now');
  });
});
