import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signWebhook } from '../../../../../core/webhooks/outbound/webhook-signature';

const BODY = JSON.stringify({ type: 'invoice.created', timestamp: '2026-12-02T10:00:00.000Z', data: { id: 'inv_1', total: '12.50' } });

function headersFor(secret: string, body: string, id = 'msg_2b3c4d', ts = Math.floor(Date.now() / 1000)) {
  return { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signWebhook(secret, id, ts, body) };
}

describe('webhook signatures', () => {
  it('makes secrets of whsec_ and the base64 of 32 random bytes, different each time', () => {
    const secrets = Array.from({ length: 20 }, () => newWebhookSecret());
    for (const secret of secrets) {
      expect(secret).to.match(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).to.have.length(32);
    }
    expect(new Set(secrets).size).to.equal(secrets.length);
  });

  it('signs as v1,<base64> what the standardwebhooks library verifies', () => {
    const secret = newWebhookSecret();
    const headers = headersFor(secret, BODY);
    expect(headers['webhook-signature']).to.match(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(BODY, headers)).to.deep.equal(JSON.parse(BODY));
  });

  it('matches the library own signature for the same message', () => {
    const secret = newWebhookSecret();
    const at = new Date('2026-12-02T10:00:00Z');
    expect(signWebhook(secret, 'msg_1', at.getTime() / 1000, BODY)).to.equal(new Webhook(secret).sign('msg_1', at, BODY));
  });

  it('signs what the receiver reads byte for byte: non-ASCII text included', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'customer.updated', data: { name: 'Café Zoë — 東京' } });
    expect(() => new Webhook(secret).verify(body, headersFor(secret, body))).not.to.throw();
  });

  it('is refused by the library for a tampered body, another id, or another secret', () => {
    const secret = newWebhookSecret();
    const headers = headersFor(secret, BODY);
    const tampered = BODY.replace('12.50', '1250.00');
    expect(() => new Webhook(secret).verify(tampered, headers)).to.throw(/signature/i);
    expect(() => new Webhook(secret).verify(BODY, { ...headers, 'webhook-id': 'msg_other' })).to.throw(/signature/i);
    expect(() => new Webhook(newWebhookSecret()).verify(BODY, headers)).to.throw(/signature/i);
  });
});
