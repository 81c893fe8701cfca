import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { keyFingerprint, openToken, sealToken } from '../../../../adapters/qbo/store/token-cipher';

describe('The tokens at rest (token-cipher)', () => {
  const key = randomBytes(32);
  const token = 'AB11775432109xRefreshToken';

  it('opens what it sealed, and seals the same token differently each time (a random IV)', () => {
    const a = sealToken(key, 'conn-1', token);
    const b = sealToken(key, 'conn-1', token);
    expect(a).not.to.equal(b);
    expect(a).not.to.contain(token);
    expect(openToken(key, 'conn-1', a)).to.equal(token);
    expect(openToken(key, 'conn-1', b)).to.equal(token);
  });

  it("refuses another key, another connection's row and a changed value, without saying the token", () => {
    const sealed = sealToken(key, 'conn-1', token);
    const parts = sealed.split('.');
    const flipped = [...parts.slice(0, 3), Buffer.from(Buffer.from(parts[3], 'base64url').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64url')].join(
      '.',
    );
    for (const attempt of [
      () => openToken(randomBytes(32), 'conn-1', sealed),
      () => openToken(key, 'conn-2', sealed),
      () => openToken(key, 'conn-1', flipped),
    ]) {
      expect(attempt).to.throw('could not be decrypted').with.property('kind', 'internal');
    }
  });

  it('names a key by a fingerprint that does not reveal it', () => {
    expect(keyFingerprint(key)).to.equal(keyFingerprint(Buffer.from(key)));
    expect(keyFingerprint(key)).not.to.equal(keyFingerprint(randomBytes(32)));
    expect(key.toString('base64')).not.to.contain(keyFingerprint(key));
  });
});
