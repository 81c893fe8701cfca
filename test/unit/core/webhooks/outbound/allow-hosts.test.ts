import { expect } from 'chai';
import { AppError } from '../../../../../core/errors/app-error';
import { readAllowHosts } from '../../../../../core/webhooks/outbound/allow-hosts';

function refusal(value: string): AppError {
  try {
    readAllowHosts({ WEBHOOK_ALLOW_HOSTS: value });
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected WEBHOOK_ALLOW_HOSTS to be refused');
}

describe('readAllowHosts', () => {
  it('allows nothing when unset or blank: webhooks go only to public addresses', () => {
    for (const env of [{}, { WEBHOOK_ALLOW_HOSTS: '' }, { WEBHOOK_ALLOW_HOSTS: '  ' }]) {
      const allow = readAllowHosts(env);
      expect(['127.0.0.1', 'localhost', '::1', ''].map((h) => allow.allows(h))).to.deep.equal([false, false, false, false]);
    }
  });

  it('reads names and addresses, trimmed and case-insensitive', () => {
    const allow = readAllowHosts({ WEBHOOK_ALLOW_HOSTS: ' 127.0.0.1 , LocalHost,receiver.internal.,::1 ' });
    for (const host of ['127.0.0.1', 'localhost', 'LOCALHOST', 'localhost.', 'receiver.internal', 'Receiver.Internal', '::1', '[::1]', '0:0:0:0:0:0:0:1']) {
      expect(allow.allows(host), host).to.equal(true);
    }
  });

  it('allows exactly what is listed, not its neighbours or other spellings of other things', () => {
    const allow = readAllowHosts({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1,localhost' });
    for (const host of ['127.0.0.2', 'localhost.example.com', 'evil-localhost', '::1', '10.0.0.1', 'example.com']) {
      expect(allow.allows(host), host).to.equal(false);
    }
    expect(allow.allows('::ffff:127.0.0.1'), 'an IPv4-mapped spelling of a listed address').to.equal(true);
  });

  it('names every bad entry in one error', () => {
    const error = refusal('localhost,https://hooks.example.com,10.0.0.0/8,*.example.com,localhost:8080,,bad_name!,127.0.0.1');
    expect(error.kind).to.equal('invalid');
    expect(error.problems.map((p) => p.at)).to.deep.equal([2, 3, 4, 5, 6, 7].map((n) => `WEBHOOK_ALLOW_HOSTS entry ${n}`));
    expect(error.problems.map((p) => p.message).join('\n'))
      .to.contain('"https://hooks.example.com" is a URL')
      .and.contain('"10.0.0.0/8" looks like a range')
      .and.contain('"*.example.com" is a wildcard')
      .and.contain('"localhost:8080" carries a port')
      .and.contain('is empty')
      .and.contain('"bad_name!" is neither an IP address nor a host name');
  });

  it('refuses a label too long for DNS', () => {
    expect(refusal(`${'a'.repeat(64)}.example.com`).problems).to.have.length(1);
  });
});
