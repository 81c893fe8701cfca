import { expect } from 'chai';
import type { Problem } from '../../../../core/errors/app-error';
import { INTUIT_PRODUCTION, parseTokenKey, readQboEnvironment } from '../../../../adapters/qbo/qbo-endpoints';

const KEY_HEX = 'ab'.repeat(32);
const KEY_B64 = Buffer.alloc(32, 7).toString('base64');

function read(env: NodeJS.ProcessEnv) {
  const problems: Problem[] = [];
  return { endpoints: readQboEnvironment(env, 'https://sync.example.com', problems), problems };
}

describe('readQboEnvironment', () => {
  it('with no QBO_* variable (empty ones included) asks for the simulator', () => {
    expect(read({ QBO_CLIENT_ID: '', PORT: '8080' })).to.deep.equal({ endpoints: 'simulated', problems: [] });
  });

  it("with an app's id, secret and key uses Intuit's production endpoints and the public callback", () => {
    const { endpoints, problems } = read({ QBO_CLIENT_ID: 'AB12', QBO_CLIENT_SECRET: 's3cret', QBO_TOKEN_KEY: KEY_B64 });
    expect(problems).to.deep.equal([]);
    expect(endpoints).to.deep.include({
      clientId: 'AB12',
      clientSecret: 's3cret',
      redirectUrl: 'https://sync.example.com/qbo/callback',
      webhookVerifierToken: '',
      ...INTUIT_PRODUCTION,
    });
    expect((endpoints as { tokenKey: Buffer }).tokenKey.equals(Buffer.alloc(32, 7))).to.equal(true);
  });

  it('lists every missing or wrong variable at once and never repeats a value', () => {
    const { problems } = read({ QBO_CLIENT_ID: 'AB12', QBO_TOKEN_KEY: 'tooshort-secret-value', QBO_TOKEN_URL: 'ftp://x' });
    expect(problems.map((p) => p.at)).to.deep.equal(['environment: QBO_CLIENT_SECRET', 'environment: QBO_TOKEN_KEY', 'environment: QBO_TOKEN_URL']);
    expect(JSON.stringify(problems)).not.to.contain('tooshort-secret-value');
    expect(problems[0].message).to.contain('unset them all to use the simulator');
  });

  it('takes a partial set without the client id as a mistake, not as simulated mode', () => {
    expect(read({ QBO_CLIENT_SECRET: 's3cret' }).problems.map((p) => p.at)).to.deep.equal(['environment: QBO_CLIENT_ID', 'environment: QBO_TOKEN_KEY']);
  });
});

describe('parseTokenKey', () => {
  it('reads 64 hex digits and base64 (standard or url-safe, padded or not) of 32 bytes', () => {
    expect(parseTokenKey(KEY_HEX)?.equals(Buffer.alloc(32, 0xab))).to.equal(true);
    expect(parseTokenKey(KEY_B64)?.length).to.equal(32);
    const urlSafe = Buffer.alloc(32, 0xfb).toString('base64url');
    expect(parseTokenKey(urlSafe)?.equals(Buffer.alloc(32, 0xfb))).to.equal(true);
  });

  it('refuses other lengths', () => {
    expect(parseTokenKey('ab'.repeat(31))).to.equal(undefined);
    expect(parseTokenKey(Buffer.alloc(24).toString('base64'))).to.equal(undefined);
  });
});
