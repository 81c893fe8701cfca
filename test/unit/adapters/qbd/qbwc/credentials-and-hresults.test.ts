import { expect } from 'chai';
import { randomBytes, scryptSync } from 'node:crypto';
import { bracedGuid, generatePassword, hashPassword, isLegacyHash, verifyPassword } from '../../../../../adapters/qbd/qbwc/credentials';
import { hresultMessage, normaliseHresult } from '../../../../../adapters/qbd/qbwc/hresult-messages';

describe('Web Connector credentials', () => {
  it('makes long random passwords and keeps only a keyed hash that verifies under the same key', async () => {
    const password = generatePassword();
    expect(password).to.match(/^[A-Za-z2-9]{24}$/);
    expect(generatePassword()).not.to.equal(password);
    const key = randomBytes(32);
    const hash = hashPassword(password, key);
    expect(hash)
      .to.match(/^hmac-sha256\$/)
      .and.not.include(password);
    expect(isLegacyHash(hash)).to.equal(false);
    expect(hashPassword(password, randomBytes(32))).not.to.equal(hash);
    expect(await verifyPassword(password, hash, key)).to.equal(true);
    expect(await verifyPassword(`${password}x`, hash, key)).to.equal(false);
    expect(await verifyPassword(password, hash, randomBytes(32))).to.equal(false);
    expect(await verifyPassword(password, 'not a hash', key)).to.equal(false);
    expect(await verifyPassword(password, 'hmac-sha256$', key)).to.equal(false);
  });

  it('still verifies a scrypt hash from before the keyed hash, so it can be replaced at the next good sign-in', async () => {
    const password = generatePassword();
    const salt = randomBytes(16);
    const legacy = `scrypt$1024$8$1$${salt.toString('base64')}$${scryptSync(password, salt, 32, { N: 1024, r: 8, p: 1 }).toString('base64')}`;
    expect(isLegacyHash(legacy)).to.equal(true);
    expect(await verifyPassword(password, legacy, randomBytes(32))).to.equal(true);
    expect(await verifyPassword(`${password}x`, legacy, randomBytes(32))).to.equal(false);
  });

  it('makes braced version-4 GUIDs', () => {
    expect(bracedGuid()).to.match(/^\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/);
  });
});

describe('HRESULT messages', () => {
  it('reads HRESULTs however QBWC spells them', () => {
    expect(normaliseHresult('0x8004041d')).to.equal('0x8004041D');
    expect(normaliseHresult('80040408')).to.equal('0x80040408');
    expect(normaliseHresult('-2147220472')).to.equal('0x80040408');
  });

  it('tells the partner what to do for the common ones, and names the code for the rest', () => {
    expect(hresultMessage('0x80040408', 'Could not start QuickBooks.')).to.match(/QuickBooks could not be started/);
    expect(hresultMessage('0x8004041D', '')).to.match(/Allow this application to login automatically/);
    expect(hresultMessage('0x80049999', 'Something odd')).to.equal(
      'QuickBooks reported 0x80049999: Something odd. Run Update Selected again; if it repeats, contact support.',
    );
  });
});
