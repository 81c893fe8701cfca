import { expect } from 'chai';
import { SIGN_IN_THROTTLE } from '../../adapters/qbd/qbwc/sign-in';
import { qbwcEnvelope, readSoapAnswer } from '../simulators/qbwc/soap-envelope';
import { PartnerApi } from '../support/partner-api';
import { useTestService } from '../support/use-test-service';

/** Signs in as the Web Connector would, through whatever proxy header the caller chooses to send. */
async function authenticate(url: string, username: string, password: string, forwardedFor?: string): Promise<string[]> {
  const res = await fetch(`${url}/qbwc`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: qbwcEnvelope('authenticate', [
      ['strUserName', username],
      ['strPassword', password],
    ]),
  });
  return readSoapAnswer(await res.text(), 'authenticate').result as string[];
}

async function install(url: string) {
  const api = await PartnerApi.createPartner(url);
  const connection = (await api.call('POST', '/api/connections', { companyName: 'Acme Books' })).body;
  return { api, connection, username: connection.install.username as string, password: connection.install.password as string };
}

describe('Where a sign-in comes from (TRUST_PROXY)', function () {
  this.timeout(60_000);

  describe('by default', () => {
    const service = useTestService({ LOG_LEVEL: 'warn' });

    it("is the connection's own address: a stranger cannot pick another by writing X-Forwarded-For", async () => {
      const { username } = await install(service.current.url);
      const answers: string[] = [];
      for (let i = 0; i < SIGN_IN_THROTTLE.failures + 3; i++) answers.push((await authenticate(service.current.url, username, 'wrong', `198.51.100.${i}`))[1]);
      expect(answers.slice(-3)).to.deep.equal(['busy', 'busy', 'busy']);
    });
  });

  describe('with TRUST_PROXY=true, behind a load balancer', () => {
    const service = useTestService({ LOG_LEVEL: 'warn', TRUST_PROXY: 'true' });

    it('is the address the proxy names: one client is throttled, another behind the same proxy signs in, and the partner sees the real address', async () => {
      const { api, connection, username, password } = await install(service.current.url);
      for (let i = 0; i < SIGN_IN_THROTTLE.failures; i++)
        expect((await authenticate(service.current.url, username, 'wrong', '203.0.113.7'))[1]).to.equal('nvu');
      expect((await authenticate(service.current.url, username, password, '203.0.113.7'))[1]).to.equal('busy');
      expect((await authenticate(service.current.url, username, password, '203.0.113.8'))[1]).to.equal('');
      const seen = (await api.call('GET', `/api/connections/${connection.id}`)).body;
      expect(seen.signIns).to.deep.include({ refused: SIGN_IN_THROTTLE.failures, lastRefusedFrom: '203.0.113.7' });
    });
  });
});
