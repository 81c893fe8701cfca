import Router from '@koa/router';
import { expect } from 'chai';
import type { HttpRoutes } from '../../../core/runtime/http/http-routes';
import { TOKENS } from '../../../core/runtime/tokens';
import { qbwcEnvelope, readSoapAnswer } from '../../simulators/qbwc/soap-envelope';
import { TestClock, connectedCompany } from '../../support/connected-company';
import { useTestService } from '../../support/use-test-service';
import { faultTally, reportFaultTallyAtEnd } from './fault-tally';

reportFaultTallyAtEnd();

describe("Fault suite: one partner can never reach another's data", function () {
  this.timeout(120_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({ LOG_LEVEL: 'warn' }, clock.read);

  it("refuses the other partner's ids in every partner route, with the same answer as an unknown id", async () => {
    const victim = await connectedCompany(service.current, clock, { seed: 97, customers: 5, invoices: 20, years: 1 });
    await victim.connector.runSession();
    const intruder = await connectedCompany(service.current, clock, { seed: 98, customers: 5, invoices: 8, years: 1 });
    const invoice = (await victim.api.call('GET', `/api/connections/${victim.connection.id}/invoices?limit=200`)).body.items.find(
      (i: { status: string }) => i.status === 'open' || i.status === 'partially-paid',
    );
    const customer = (await victim.api.call('GET', `/api/connections/${victim.connection.id}/customers`)).body.items[0];
    const accounts = (await victim.api.call('GET', `/api/connections/${victim.connection.id}/accounts`)).body as { id: string; name: string }[];
    await victim.api.call('PATCH', `/api/connections/${victim.connection.id}/settings`, {
      paymentAccountId: accounts.find((a) => a.name === 'Undeposited Funds')!.id,
    });
    const payment = (await victim.api.call('POST', `/api/connections/${victim.connection.id}/payments`, { invoiceId: invoice.id, amount: '1.00' })).body;
    expect(payment.status).to.equal('succeeded');
    const ids: Record<string, string> = { id: victim.connection.id, customerId: customer.id, installId: victim.connection.install.id };

    // Every partner route the router serves, found by walking it, so a new route cannot be missed.
    const router = new Router();
    for (const c of service.current.service.container.getAll<HttpRoutes>(TOKENS.HttpRoutes)) c.register(router as never);
    const routes = router.stack
      .flatMap((l) => l.methods.filter((m) => m !== 'HEAD').map((method) => ({ method, path: String(l.path) })))
      .filter((r) => r.path.startsWith('/api/') && r.path.includes(':'));
    expect(routes.length).to.be.at.least(12);
    const bodies: Record<string, unknown> = {
      payments: { invoiceId: invoice.id, amount: '1.00' },
      payouts: { paymentIds: [payment.id] },
      settings: { syncIntervalMinutes: 9 },
      customers: { name: 'Intruder Inc' },
    };
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => (route.path.startsWith('/api/payments/') ? payment.id : ids[name]));
      const body = route.method === 'GET' ? undefined : (bodies[path.split('/').pop()!] ?? {});
      const answer = await intruder.api.call(route.method, path, body);
      expect(answer.status, `${route.method} ${route.path}`).to.equal(404);
      expect(JSON.stringify(answer.body), `${route.method} ${route.path}`).not.to.include(invoice.qbd.txnId);
      faultTally.cases += 1;
      faultTally.faultsSurvived += 1;
    }
    // Nothing changed for the victim.
    expect(
      (await victim.api.call('GET', `/api/connections/${victim.connection.id}/installs`)).body.map((i: { revokedAt: string | null }) => i.revokedAt),
    ).to.deep.equal([null]);
    expect((await fetch(victim.connection.install.qwcUrl)).status).to.equal(200);
    const after = (await victim.api.call('GET', `/api/connections/${victim.connection.id}`)).body;
    expect(after.settings.syncIntervalMinutes).to.equal(5);
    expect(
      (await victim.api.call('GET', `/api/connections/${victim.connection.id}/payments`)).body.items.map((p: { status: string }) => p.status),
    ).to.deep.equal(['succeeded']);
    expect((await victim.api.call('GET', `/api/connections/${victim.connection.id}/customers`)).body.items.map((c: { name: string }) => c.name)).not.to.include(
      'Intruder Inc',
    );
  });

  it("a Web Connector ticket of one company only ever acts on that company's session, and a closed ticket is dead", async () => {
    const victim = await connectedCompany(service.current, clock, { seed: 99, customers: 3, invoices: 3, years: 1 });
    const done = await victim.connector.runSession();
    expect(done.closeMessage).to.match(/^Complete/);
    // The ticket of the finished session, replayed.
    const ticket = done.authenticate[0];
    const replay = (method: string, params: [string, string | number][]) =>
      fetch(`${service.current.url}/qbwc`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body: qbwcEnvelope(method, params) }).then(
        async (r) => readSoapAnswer(await r.text(), method).result,
      );
    expect(
      await replay('sendRequestXML', [
        ['ticket', ticket],
        ['strHCPResponse', ''],
        ['strCompanyFileName', ''],
        ['qbXMLCountry', 'US'],
        ['qbXMLMajorVers', 13],
        ['qbXMLMinorVers', 0],
      ]),
    ).to.equal('');
    expect(
      await replay('receiveResponseXML', [
        ['ticket', ticket],
        ['response', '<QBXML/>'],
        ['hresult', ''],
        ['message', ''],
      ]),
    ).to.equal('-1');
    expect(await replay('getLastError', [['ticket', ticket]])).to.match(/ended or expired/);
    faultTally.cases += 3;
    faultTally.faultsSurvived += 3;
  });
});
