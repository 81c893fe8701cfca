import { expect } from 'chai';
import { QboSimulator } from '../../../simulators/qbo/qbo-simulator';
import { Api, simWithCompany } from './qbo-harness';

describe('The QuickBooks Online simulator', () => {
  describe('faults, throttling and idempotency', () => {
    let sim: QboSimulator;
    let api: Api;
    let realmId: string;
    afterEach(() => sim.stop());

    it('throttles the next n calls with 429 code 3001 (JSON, or XML when asked)', async () => {
      ({ sim, api, realmId } = await simWithCompany());
      sim.faults.throttle(2);
      const first = await api.query('SELECT COUNT(*) FROM Customer');
      expect(first.status).to.equal(429);
      expect(first.json.Fault.Error[0]).to.include({ code: '3001', Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429' });
      expect((await api.query('SELECT COUNT(*) FROM Customer')).status).to.equal(429);
      expect((await api.query('SELECT COUNT(*) FROM Customer')).status).to.equal(200);
      sim.faults.throttle(1, { xml: true });
      const res = await fetch(`${sim.url}/v3/company/${realmId}/query?query=${encodeURIComponent('SELECT * FROM Customer')}`, {
        headers: { authorization: `Bearer ${api.accessToken}`, accept: 'application/json' },
      });
      expect(res.status).to.equal(429);
      expect(await res.text()).to.include('<Error code="3001">');
    });

    it('throttles past 500 requests in a minute of simulated time per realm', async () => {
      ({ sim, api, realmId } = await simWithCompany({ rateLimits: true }));
      const statuses: number[] = [];
      for (let i = 0; i < 501; i++) statuses.push((await api.get(`companyinfo/${realmId}`)).status);
      expect(statuses.slice(0, 500).every((s) => s === 200)).to.equal(true);
      expect(statuses[500]).to.equal(429);
      sim.clock.advance(60_000);
      expect((await api.get(`companyinfo/${realmId}`)).status).to.equal(200);
    });

    it('throttles past 10 requests in flight at once per realm', async () => {
      ({ sim, api, realmId } = await simWithCompany({ rateLimits: true }));
      // Requests whose bodies are still arriving are in flight.
      const url = new URL(`${sim.url}/v3/company/${realmId}/customer`);
      const { request } = await import('node:http');
      const open = Array.from({ length: 10 }, () => {
        const req = request(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${api.accessToken}`, 'content-type': 'application/json', 'content-length': '100' },
        });
        req.on('error', () => undefined);
        req.write('{');
        return req;
      });
      // Wait (without a deadline) until the server has admitted all ten.
      while (sim.requests.filter((r) => r.method === 'POST').length < 10) await new Promise((resolve) => setImmediate(resolve));
      const eleventh = await api.get(`companyinfo/${realmId}`);
      open.forEach((req) => req.destroy());
      expect(eleventh.status).to.equal(429);
    });

    it('replays the original answer to a repeated requestid without writing again', async () => {
      ({ sim, api, realmId } = await simWithCompany());
      const first = await api.post('customer', { DisplayName: 'Once Only' }, { requestid: 'req-1' });
      const again = await api.post('customer', { DisplayName: 'Once Only' }, { requestid: 'req-1' });
      expect(again).to.deep.equal(first);
      expect(
        sim
          .books(realmId)
          .all('Customer')
          .filter((c) => c.DisplayName === 'Once Only'),
      ).to.have.length(1);
      expect(sim.requests.filter((r) => r.requestId === 'req-1').map((r) => [r.method, r.status, r.query.minorversion])).to.deep.equal([
        ['POST', 200, '75'],
        ['POST', 200, '75'],
      ]);
    });

    it('loses an answer: the write happens, the socket closes, and a retry with the same requestid gets the original', async () => {
      ({ sim, api, realmId } = await simWithCompany());
      sim.faults.loseAnswer('/payment');
      const customerId = String(sim.books(realmId).addCustomer({ displayName: 'Lost' }).Id);
      const body = { CustomerRef: { value: customerId }, TotalAmt: 12 };
      const lost = await api.post('payment', body, { requestid: 'pay-1' }).then(
        () => 'answered',
        (error: Error) => error.message,
      );
      expect(lost).to.equal('fetch failed');
      expect(sim.books(realmId).all('Payment')).to.have.length(1);
      const retry = await api.post('payment', body, { requestid: 'pay-1' });
      expect(retry.status).to.equal(200);
      expect(retry.json.Payment.Id).to.equal(sim.books(realmId).all('Payment')[0].Id);
      expect(sim.books(realmId).all('Payment')).to.have.length(1);
      expect(sim.requests.find((r) => r.lost)).to.include({ method: 'POST', path: `/v3/company/${realmId}/payment`, status: 200 });
    });

    it('staleOnce: a bookkeeper edit slips in before our write, which then gets 5010', async () => {
      ({ sim, api, realmId } = await simWithCompany());
      const customer = sim.books(realmId).addCustomer({ displayName: 'Racy' });
      sim.faults.staleOnce('Customer', String(customer.Id));
      const answer = await api.post('customer', { Id: customer.Id, SyncToken: customer.SyncToken, sparse: true, Notes: 'mine' });
      expect(answer.json.Fault.Error[0].code).to.equal('5010');
      const current = sim.books(realmId).get('Customer', String(customer.Id))!;
      expect(current.SyncToken).to.equal('1');
      expect((await api.post('customer', { Id: customer.Id, SyncToken: current.SyncToken, sparse: true, Notes: 'mine' })).status).to.equal(200);
    });

    it('logs every API request with method, path, query and status', async () => {
      ({ sim, api, realmId } = await simWithCompany());
      await api.query('SELECT * FROM Customer');
      expect(sim.requests.at(-1)).to.deep.include({ method: 'GET', path: `/v3/company/${realmId}/query`, status: 200, realmId });
      expect(sim.requests.at(-1)!.query).to.deep.equal({ minorversion: '75', query: 'SELECT * FROM Customer' });
    });

    it('answers a SystemFault with serverError, before the write or after it', async () => {
      ({ sim, api, realmId } = await simWithCompany());
      sim.faults.serverError('/customer', { status: 503 });
      const refused = await api.post('customer', { DisplayName: 'Not Written' });
      expect(refused.status).to.equal(503);
      expect(refused.json.Fault).to.deep.include({ type: 'SystemFault' });
      expect(
        sim
          .books(realmId)
          .all('Customer')
          .some((c) => c.DisplayName === 'Not Written'),
      ).to.equal(false);
      sim.faults.serverError('/customer', { afterWrite: true });
      expect((await api.post('customer', { DisplayName: 'Written Anyway' }, { requestid: 'r-9' })).status).to.equal(500);
      expect(
        sim
          .books(realmId)
          .all('Customer')
          .filter((c) => c.DisplayName === 'Written Anyway'),
      ).to.have.length(1);
      expect((await api.post('customer', { DisplayName: 'Written Anyway' }, { requestid: 'r-9' })).json.Customer.DisplayName).to.equal('Written Anyway');
    });
  });
});
