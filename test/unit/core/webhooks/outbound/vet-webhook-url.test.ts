import { expect } from 'chai';
import { AppError } from '../../../../../core/errors/app-error';
import { readAllowHosts } from '../../../../../core/webhooks/outbound/allow-hosts';
import { vetWebhookUrl } from '../../../../../core/webhooks/outbound/vet-webhook-url';
import type { Resolver } from '../../../../../core/webhooks/outbound/webhook-resolver';
import { scriptedResolver } from '../../../../support/local-webhook-receiver';

const NOBODY = readAllowHosts({});
const LOCAL = readAllowHosts({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1,localhost' });
const noDns: Resolver = async () => {
  throw new Error('an IP literal must not be resolved');
};

async function refusal(url: string, resolve: Resolver, allow = NOBODY): Promise<AppError> {
  try {
    await vetWebhookUrl(url, { resolve, allow });
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`expected ${url.slice(0, 60)} to be refused`);
}

describe('vetWebhookUrl', () => {
  it('passes an https URL whose name resolves only to public addresses, with every address', async () => {
    const target = await vetWebhookUrl('https://hooks.example.com/in?x=1', { resolve: scriptedResolver(['8.8.8.8', '2606:4700::1111']), allow: NOBODY });
    expect(target.url.href).to.equal('https://hooks.example.com/in?x=1');
    expect(target.addresses).to.deep.equal(['8.8.8.8', '2606:4700::1111']);
  });

  describe('when a public-looking name resolves inside', () => {
    for (const address of ['10.0.0.5', '192.168.1.1', '169.254.169.254', '127.0.0.1', 'fd00::1', '::1', '::ffff:127.0.0.1', '100.64.0.1']) {
      it(`refuses ${address}, naming the rule and the host but not the address`, async () => {
        const error = await refusal('https://hooks.example.com/in', scriptedResolver([address]));
        expect(error.kind).to.equal('invalid');
        expect(error.userMessage).to.contain('hooks.example.com resolves to a private, loopback or reserved address').and.contain('WEBHOOK_ALLOW_HOSTS');
        expect(error.userMessage).not.to.contain(address);
        expect(error.detail).to.contain(address);
      });
    }

    it('refuses a mixed answer, the private address first or last (rebinding)', async () => {
      for (const answer of [
        ['8.8.8.8', '10.0.0.1'],
        ['169.254.169.254', '8.8.8.8'],
        ['2606:4700::1111', 'fd00::1'],
      ]) {
        expect((await refusal('https://hooks.example.com/', scriptedResolver(answer))).kind).to.equal('invalid');
      }
    });
  });

  it('checks IP literals without resolving, in any spelling the URL parser accepts', async () => {
    for (const url of [
      'https://127.0.0.1/',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/',
      'https://[::ffff:7f00:1]/',
      'https://0x7f.1/',
      'https://2130706433/',
      'https://[fd00::1]:8443/',
    ]) {
      expect((await refusal(url, noDns)).userMessage, url).to.contain("The webhook URL's address is a private");
    }
    expect((await vetWebhookUrl('https://8.8.8.8/in', { resolve: noDns, allow: NOBODY })).addresses).to.deep.equal(['8.8.8.8']);
    expect((await vetWebhookUrl('https://[2606:4700::1111]/', { resolve: noDns, allow: NOBODY })).addresses).to.deep.equal(['2606:4700::1111']);
  });

  it('refuses http to a host nobody allowed, even a public one', async () => {
    const error = await refusal('http://hooks.example.com/in', scriptedResolver(['8.8.8.8']));
    expect(error.userMessage).to.contain('must use https');
  });

  it('refuses other schemes, credentials, over-long URLs and non-URLs', async () => {
    const resolve = scriptedResolver(['8.8.8.8']);
    expect((await refusal('ftp://hooks.example.com/in', resolve)).userMessage).to.contain('must use https, not ftp');
    expect((await refusal('file:///etc/passwd', resolve)).userMessage).to.contain('must use https, not file');
    expect((await refusal('https://user:secret@hooks.example.com/', resolve)).userMessage).to.contain('user name or password');
    expect((await refusal('https://user@hooks.example.com/', resolve)).userMessage).to.contain('user name or password');
    expect((await refusal('/relative/path', resolve)).userMessage).to.contain('not a valid absolute URL');
    expect((await refusal('', resolve)).userMessage).to.contain('missing');
    const base = 'https://hooks.example.com/';
    expect((await refusal(base + 'a'.repeat(2049 - base.length), resolve)).userMessage).to.contain('longer than 2048');
    expect((await vetWebhookUrl(base + 'a'.repeat(2048 - base.length), { resolve, allow: NOBODY })).url.href).to.have.length(2048);
    expect(resolve.calls).to.deep.equal(['hooks.example.com']); // only the last one got as far as DNS
  });

  it('lets allow-listed hosts through, over http too, whatever they resolve to', async () => {
    expect((await vetWebhookUrl('http://127.0.0.1:9/hook', { resolve: noDns, allow: LOCAL })).addresses).to.deep.equal(['127.0.0.1']);
    expect((await vetWebhookUrl('http://LOCALHOST:9/hook', { resolve: scriptedResolver(['127.0.0.1', '::1']), allow: LOCAL })).addresses).to.deep.equal([
      '127.0.0.1',
      '::1',
    ]);
    // a name the operator did not list may still reach an address the operator listed, but only over https
    expect((await vetWebhookUrl('https://hooks.example.com/', { resolve: scriptedResolver(['127.0.0.1']), allow: LOCAL })).addresses).to.deep.equal([
      '127.0.0.1',
    ]);
    expect((await refusal('http://hooks.example.com/', scriptedResolver(['127.0.0.1']), LOCAL)).userMessage).to.contain('must use https');
    expect((await refusal('https://hooks.example.com/', scriptedResolver(['127.0.0.1', '10.0.0.1']), LOCAL)).kind).to.equal('invalid');
  });

  it('calls a name that does not exist invalid, and a failing lookup transient', async () => {
    const failing =
      (code: string): Resolver =>
      async () => {
        throw Object.assign(new Error(`getaddrinfo ${code}`), { code });
      };
    expect((await refusal('https://nowhere.example.com/', failing('ENOTFOUND'))).kind).to.equal('invalid');
    expect((await refusal('https://nowhere.example.com/', failing('EAI_AGAIN'))).kind).to.equal('transient');
    expect((await refusal('https://nowhere.example.com/', scriptedResolver([]))).userMessage).to.contain('does not resolve');
  });
});
