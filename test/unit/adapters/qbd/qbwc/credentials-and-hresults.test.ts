import { expect } from 'chai';
import { bracedGuid, generatePassword, hashPassword, verifyPassword } from '../../../../../adapters/qbd/qbwc/credentials';
import { hresultMessage, normaliseHresult } from '../../../../../adapters/qbd/qbwc/hresult-messages';

describe('Web Connector credentials', () => {
  it('makes long random passwords and keeps only a salted scrypt hash that verifies', async () => {
    const password = generatePassword();
    expect(password).to.match(/^[A-Za-z2-9]{24}$/);
    expect(generatePassword()).not.to.equal(password);
    const hash = await hashPassword(password);
    expect(hash).to.match(/^scrypt\$16384\$8\$1\$/).and.not.include(password);
    expect(await hashPassword(password)).not.to.equal(hash);
    expect(await verifyPassword(password, hash)).to.equal(true);
    expect(await verifyPassword(`${password}x`, hash)).to.equal(false);
    expect(await verifyPassword(password, 'not a hash')).to.equal(false);
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
    expect(hresultMessage('0x80049999', 'Something odd')).to.equal('QuickBooks reported 0x80049999: Something odd. Run Update Selected again; if it repeats, contact support.');
  });
});
