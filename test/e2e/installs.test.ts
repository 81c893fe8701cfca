import { expect } from 'chai';
import { readQwc } from '../simulators/qbwc/qwc-reader';
import { qbwcEnvelope, readSoapAnswer } from '../simulators/qbwc/soap-envelope';
import { WebConnector } from '../simulators/qbwc/web-connector';
import { TestClock, connectedCompany } from '../support/connected-company';
import { useTestService } from '../support/use-test-service';

interface NewInstall {
  id: string;
  username: string;
  password: string;
  qwcUrl: string;
}

describe('Installs the partner controls: list, revoke, new password (simulators end to end)', function () {
  this.timeout(60_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({}, clock.read);

  /** A company with two computers set up, and a Web Connector for any install from its own QWC link. */
  async function twoComputers(seed: number) {
    const setup = await connectedCompany(service.current, clock, { seed, customers: 4, invoices: 6, years: 1 });
    const { api, connection, quickBooks, later } = setup;
    later(1); // the second computer is added a minute after the first
    const second: NewInstall = (await api.call('POST', `/api/connections/${connection.id}/installs`)).body;
    const webConnector = async (install: NewInstall, password = install.password) => {
      const res = await fetch(install.qwcUrl);
      expect(res.status, `QWC link of ${install.username}`).to.equal(200);
      return new WebConnector({
        qwc: readQwc(await res.text()),
        password,
        quickBooks,
        desktop: { companyFilePath: 'C:\\Acme.QBW', isRunning: true },
        noOpPauseMs: 10,
      });
    };
    const installs = async () =>
      (await api.call('GET', `/api/connections/${connection.id}/installs`)).body as {
        id: string;
        username: string;
        revokedAt: string | null;
        lastSignInAt: string | null;
        passwordChangedAt: string | null;
      }[];
    return { ...setup, first: connection.install as NewInstall, second, webConnector, installs };
  }

  /** The Web Connector's sign-in alone, as QBWC sends it. */
  async function authenticate(username: string, password: string): Promise<string[]> {
    const res = await fetch(`${service.current.url}/qbwc`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: qbwcEnvelope('authenticate', [
        ['strUserName', username],
        ['strPassword', password],
      ]),
    });
    return readSoapAnswer(await res.text(), 'authenticate').result as string[];
  }

  it('lists every install with when it was made and last signed in, never a password or a link', async () => {
    const { api, connection, connector, first, second, installs } = await twoComputers(301);
    expect((await installs()).map((i) => i.lastSignInAt)).to.deep.equal([null, null]);
    await connector.runSession();
    const listed = await installs();
    expect(listed.map((i) => i.username)).to.deep.equal([first.username, second.username]);
    for (const install of listed) expect(install).to.have.keys('id', 'username', 'createdAt', 'revokedAt', 'passwordChangedAt', 'lastSignInAt');
    expect(listed[0].lastSignInAt).to.equal(clock.read().toISOString());
    expect(listed[1]).to.include({ lastSignInAt: null, revokedAt: null, passwordChangedAt: null });
    const text = JSON.stringify((await api.call('GET', `/api/connections/${connection.id}/installs`)).body);
    for (const secret of [first.password, second.password, first.qwcUrl.split('/').pop()!, second.qwcUrl.split('/').pop()!])
      expect(text).not.to.include(secret);
  });

  it('revoking an install: its user name gets nvu, its link 404, the other computer syncs on', async () => {
    const { api, connection, first, second, webConnector, installs } = await twoComputers(302);
    const secondConnector = await webConnector(second);
    const revoked = await api.call('DELETE', `/api/connections/${connection.id}/installs/${second.id}`);
    expect(revoked.status).to.equal(200);
    expect(revoked.body).to.include({ id: second.id, revokedAt: clock.read().toISOString() });

    const refused = await secondConnector.runSession();
    expect(refused.authenticate[1]).to.equal('nvu');
    expect(await authenticate(second.username, second.password)).to.deep.equal(['', 'nvu']);
    expect((await fetch(second.qwcUrl)).status).to.equal(404);
    expect((await (await webConnector(first)).runSession()).closeMessage).to.match(/^Complete/);
    expect((await installs()).map((i) => [i.username, i.revokedAt])).to.deep.equal([
      [first.username, null],
      [second.username, clock.read().toISOString()],
    ]);
  });

  it('revoking an install ends the session it holds and frees the company for another computer at once', async () => {
    const { api, connection, connector, second, webConnector } = await twoComputers(303);
    // The first computer is mid-sync (its session open, holding the company) when it is revoked.
    const held = await connector.runSession({ dropAfterRequest: 1 });
    expect(held.ended).to.equal('dropped');
    const secondConnector = await webConnector(second);
    expect((await secondConnector.runSession()).authenticate[1], 'the company is busy before').to.equal('busy');

    expect((await api.call('DELETE', `/api/connections/${connection.id}/installs/${connection.install.id}`)).status).to.equal(200);
    const ticket = held.authenticate[0];
    const send = await fetch(`${service.current.url}/qbwc`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: qbwcEnvelope('sendRequestXML', [
        ['ticket', ticket],
        ['strHCPResponse', ''],
        ['strCompanyFileName', ''],
        ['qbXMLCountry', 'US'],
        ['qbXMLMajorVers', 13],
        ['qbXMLMinorVers', 0],
      ]),
    });
    expect(readSoapAnswer(await send.text(), 'sendRequestXML').result, 'the revoked session gets nothing more to do').to.equal('');
    const next = await secondConnector.runSession();
    expect(next.authenticate[1]).not.to.equal('busy');
    expect(next.closeMessage).to.match(/^Complete/);
  });

  it('revoking the last install is allowed, and another computer can be added after', async () => {
    const { api, connection, first, second } = await twoComputers(304);
    for (const install of [first, second]) expect((await api.call('DELETE', `/api/connections/${connection.id}/installs/${install.id}`)).status).to.equal(200);
    const third = await api.call('POST', `/api/connections/${connection.id}/installs`);
    expect(third.status).to.equal(201);
    expect((await fetch(third.body.qwcUrl)).status).to.equal(200);
  });

  it('revoking twice answers the same and changes nothing', async () => {
    const { api, connection, second, later } = await twoComputers(305);
    const once = (await api.call('DELETE', `/api/connections/${connection.id}/installs/${second.id}`)).body;
    later(5);
    const twice = await api.call('DELETE', `/api/connections/${connection.id}/installs/${second.id}`);
    expect(twice.status).to.equal(200);
    expect(twice.body).to.deep.equal(once);
  });

  it('a new password: same user name, the old password and link die at once, the new ones work', async () => {
    const { api, connection, first, webConnector, installs, later } = await twoComputers(306);
    later(1);
    const renewed = await api.call('POST', `/api/connections/${connection.id}/installs/${first.id}/password`);
    expect(renewed.status).to.equal(201);
    expect(renewed.body).to.have.keys('id', 'username', 'password', 'qwcUrl');
    expect(renewed.body.username).to.equal(first.username);
    expect(renewed.body.password).not.to.equal(first.password);
    expect(renewed.body.qwcUrl).not.to.equal(first.qwcUrl);

    expect(await authenticate(first.username, first.password)).to.deep.equal(['', 'nvu']);
    expect((await fetch(first.qwcUrl)).status).to.equal(404);
    const session = await (await webConnector(renewed.body)).runSession();
    expect(session.closeMessage).to.match(/^Complete/);
    expect((await installs())[0]).to.include({ passwordChangedAt: clock.read().toISOString(), revokedAt: null });
  });

  it('a new password works at once after guesses at the old one, and ends the session the old one opened', async () => {
    const { api, connection, connector, first, webConnector } = await twoComputers(307);
    const held = await connector.runSession({ dropAfterRequest: 1 });
    for (let i = 0; i < 10; i++) expect((await authenticate(first.username, 'a-guess'))[1]).to.equal('nvu');
    const renewed = (await api.call('POST', `/api/connections/${connection.id}/installs/${first.id}/password`)).body;
    const send = await fetch(`${service.current.url}/qbwc`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: qbwcEnvelope('sendRequestXML', [
        ['ticket', held.authenticate[0]],
        ['strHCPResponse', ''],
        ['strCompanyFileName', ''],
        ['qbXMLCountry', 'US'],
        ['qbXMLMajorVers', 13],
        ['qbXMLMinorVers', 0],
      ]),
    });
    expect(readSoapAnswer(await send.text(), 'sendRequestXML').result).to.equal('');
    expect((await (await webConnector(renewed)).runSession()).closeMessage).to.match(/^Complete/);
  });

  it('refuses a new password for a revoked install (409), and changes nothing', async () => {
    const { api, connection, second, installs } = await twoComputers(308);
    await api.call('DELETE', `/api/connections/${connection.id}/installs/${second.id}`);
    const before = await installs();
    const refused = await api.call('POST', `/api/connections/${connection.id}/installs/${second.id}/password`);
    expect(refused.status).to.equal(409);
    expect(refused.body.error.message).to.match(/revoked.*Add another computer/);
    expect(await installs()).to.deep.equal(before);
    expect(await authenticate(second.username, second.password)).to.deep.equal(['', 'nvu']);
  });

  it("answers 404 for an unknown install, a malformed id, or another connection's install, and changes nothing", async () => {
    const mine = await twoComputers(309);
    const other = await mine.api.call('POST', '/api/connections', { companyName: 'Other Books' });
    const otherInstall = other.body.install as NewInstall;
    for (const installId of ['00000000-0000-4000-8000-000000000000', 'not-an-id', otherInstall.id]) {
      for (const [method, path] of [
        ['DELETE', ''],
        ['POST', '/password'],
      ]) {
        const answer = await mine.api.call(method, `/api/connections/${mine.connection.id}/installs/${installId}${path}`);
        expect(answer.status, `${method} ${installId}${path}`).to.equal(404);
      }
    }
    expect((await fetch(otherInstall.qwcUrl)).status).to.equal(200);
    expect((await authenticate(otherInstall.username, otherInstall.password))[1]).not.to.equal('nvu');
  });
});
