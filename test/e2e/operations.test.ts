import { expect } from 'chai';
import { TestClock, connectedCompany } from '../support/connected-company';
import { startTestService } from '../support/test-service';
import { useTestService } from '../support/use-test-service';

const METRICS_TOKEN = 'metrics-scraper-token-0123456789';

/** One series' value from Prometheus text, by name and exact labels. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : undefined;
}

describe('Operations: GET /metrics and log lines (simulators end to end)', function () {
  this.timeout(60_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({ METRICS_TOKEN }, clock.read);
  const scrape = (headers: Record<string, string> = { authorization: `Bearer ${METRICS_TOKEN}` }) => fetch(`${service.current.url}/metrics`, { headers });

  it('counts SOAP calls with latency, sessions, records moved, lease waits and waiting writes', async () => {
    const { api, connection, connector, later } = await connectedCompany(service.current, clock, { seed: 71, customers: 12, invoices: 20, years: 1 });
    await connector.runSession();
    const accounts = (await api.call('GET', `/api/connections/${connection.id}/accounts`)).body as { id: string; name: string }[];
    await api.call('PATCH', `/api/connections/${connection.id}/settings`, { paymentAccountId: accounts.find((a) => a.name === 'Undeposited Funds')!.id });
    const open = (await api.call('GET', `/api/connections/${connection.id}/invoices?limit=200`)).body.items.find(
      (i: { status: string }) => i.status === 'open',
    );
    await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '1.00' });
    later(2);

    const res = await scrape();
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/plain/);
    const text = await res.text();
    expect(sample(text, 'qbwc_soap_calls_total{method="authenticate",outcome="ok"}')).to.equal(1);
    expect(sample(text, 'qbwc_soap_calls_total{method="receiveResponseXML",outcome="done"}')).to.equal(1);
    expect(sample(text, 'qbwc_soap_call_duration_seconds_count{method="sendRequestXML"}')).to.be.greaterThan(3);
    expect(sample(text, 'qbwc_sessions_total{result="started"}')).to.equal(1);
    expect(sample(text, 'qbwc_sessions_total{result="completed"}')).to.equal(1);
    const stored = (await api.call('GET', `/api/connections/${connection.id}/invoices?limit=200`)).body.items.length;
    expect(sample(text, 'sync_records_total{item="invoice",from="qbd",to="alternative",outcome="applied"}')).to.equal(stored);
    expect(sample(text, 'sync_records_total{item="payment",from="alternative",to="qbd",outcome="deferred"}')).to.equal(1);
    expect(sample(text, `outbox_pending_writes{connection_id="${connection.id}"}`)).to.equal(1);
    expect(sample(text, `outbox_oldest_pending_seconds{connection_id="${connection.id}"}`)).to.be.at.least(0);
    expect(text).to.include('qbwc_lease_waits_total 0');
    expect(text, 'no call waits once the session is over').to.include('qbwc_calls_waiting 0');
    expect(text).to.include('process_cpu_seconds_total');
  });

  it('serves /metrics only to a scraper sending METRICS_TOKEN', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong-token-of-some-length' },
      { authorization: `Basic ${Buffer.from(`x:${METRICS_TOKEN}`).toString('base64')}` },
    ]) {
      const refused = await scrape(headers);
      expect(refused.status, JSON.stringify(headers)).to.equal(401);
      expect(refused.headers.get('www-authenticate')).to.equal('Bearer');
      const text = await refused.text();
      expect(text).not.to.include('qbwc_soap_calls_total');
      expect(JSON.parse(text).error.message).to.include('METRICS_TOKEN');
    }
    expect((await scrape()).status).to.equal(200);
  });

  it('puts the request id on every line of a request, and the connection and hashed ticket on every line of a session call', async () => {
    const { connector } = await connectedCompany(service.current, clock, { seed: 72, customers: 5, invoices: 5, years: 1 });
    const before = service.current.logs.length;
    await connector.runSession();
    const lines = service.current.logs.slice(before);
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.length).to.be.greaterThan(5);
    for (const line of lines) expect(line.requestId, JSON.stringify(line)).to.be.a('string');
    const sessionCalls = requests.filter((l) =>
      ['authenticate', 'sendRequestXML', 'receiveResponseXML', 'getLastError', 'closeConnection'].includes(l.soapMethod as string),
    );
    expect(sessionCalls.length).to.be.greaterThan(4);
    for (const line of sessionCalls) {
      expect(line.connectionId, JSON.stringify(line)).to.be.a('string');
      expect(line.ticket, JSON.stringify(line)).to.match(/^[0-9a-f]{12}$/);
    }
    expect(JSON.stringify(lines)).not.to.match(/"ticket":"[0-9a-f]{13,}/);
  });
});

describe('Operations: GET /metrics without METRICS_TOKEN', function () {
  this.timeout(30_000);

  it('is off: 404, even with a Bearer token', async () => {
    const test = await startTestService({ METRICS_TOKEN: '' });
    try {
      const res = await fetch(`${test.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(res.status).to.equal(404);
      expect(await res.text()).not.to.include('process_cpu_seconds_total');
    } finally {
      await test.stop();
    }
  });
});
