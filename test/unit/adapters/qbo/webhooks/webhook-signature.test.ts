import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { isSignedBy } from '../../../../../adapters/qbo/webhooks/webhook-signature';
import { realmsOf } from '../../../../../adapters/qbo/webhooks/webhook-realms';

const token = 'verifier-token-123';
const body = Buffer.from('{"eventNotifications":[{"realmId":"1185883450","dataChangeEvent":{"entities":[]}}]}');
const sign = (b: Buffer, key = token) => createHmac('sha256', key).update(b).digest('base64');

describe('isSignedBy', () => {
  it('accepts the HMAC-SHA256 of the raw body under the verifier token', () => {
    expect(isSignedBy(body, sign(body), token)).to.equal(true);
  });

  it('refuses a signature made with another key, of another body, or none', () => {
    expect(isSignedBy(body, sign(body, 'other'), token)).to.equal(false);
    expect(isSignedBy(Buffer.from(`${body} `), sign(body), token)).to.equal(false);
    expect(isSignedBy(body, undefined, token)).to.equal(false);
    expect(isSignedBy(body, 'short', token)).to.equal(false);
  });

  it('refuses everything when no verifier token is configured', () => {
    expect(isSignedBy(body, createHmac('sha256', '').update(body).digest('base64'), '')).to.equal(false);
  });
});

describe('realmsOf', () => {
  it('reads the companies of a legacy payload', () => {
    expect(realmsOf(JSON.parse(body.toString()))).to.deep.equal(['1185883450']);
  });

  it('reads the companies of a CloudEvents array, once each', () => {
    const events = [
      { specversion: '1.0', type: 'qbo.invoice.updated.v1', intuitentityid: '130', intuitaccountid: '9341455327810551' },
      { specversion: '1.0', type: 'qbo.customer.created.v1', intuitentityid: '58', intuitaccountid: '9341455327810551' },
    ];
    expect(realmsOf(events)).to.deep.equal(['9341455327810551']);
  });

  it('refuses anything else as malformed', () => {
    expect(() => realmsOf({ hello: 'world' })).to.throw(/neither/);
  });
});
