import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TestClock, connectedCompany } from '../support/connected-company';
import { PartnerApi } from '../support/partner-api';
import { RunningInstance } from '../support/running-instance';
import { useTestService } from '../support/use-test-service';

const keyed = (key: string) => ({ 'idempotency-key': key });

/**
 * A client that retries a write after a timeout sends the same Idempotency-Key again: it must
 * get the first answer back and nothing must happen twice (IETF draft "The Idempotency-Key
 * HTTP Header Field", as Stripe does it).
 */
describe('Idempotency-Key on the partner API (over HTTP)', function () {
  this.timeout(60_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({}, clock.read);

  async function syncedInvoice() {
    const env = await connectedCompany(service.current, clock, { seed: 41, customers: 5, invoices: 10, years: 1 });
    await env.connector.runSession();
    const invoices = (await env.api.call('GET', `/api/connections/${env.connection.id}/invoices?limit=100`)).body.items as {
      id: string;
      balance: string;
      status: string;
    }[];
    const open = invoices.find((i) => i.status === 'open' && Number(i.balance) > 20)!;
    const payments = async () => (await env.api.call('GET', `/api/connections/${env.connection.id}/payments?limit=100`)).body.items as { id: string }[];
    return { ...env, open, payments };
  }

  it('replays the first answer to a retried payment, status and body, and makes one payment', async () => {
    const { api, connection, open, payments } = await syncedInvoice();
    const key = randomUUID();
    const first = await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '10.00' }, keyed(key));
    const retry = await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '10.00' }, keyed(`"${key}"`));
    expect(first.status).to.equal(201);
    expect(first.headers.get('idempotent-replayed')).to.equal(null);
    expect(retry.status).to.equal(201);
    expect(retry.body).to.deep.equal(first.body);
    expect(retry.headers.get('idempotent-replayed')).to.equal('true');
    expect(await payments()).to.have.length(1);
    // Without a key, the same body is a new payment, as before.
    expect((await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '10.00' })).status).to.equal(201);
    expect(await payments()).to.have.length(2);
  });

  it('refuses the key with another body or path (422) and changes nothing', async () => {
    const { api, connection, open, payments } = await syncedInvoice();
    const key = randomUUID();
    await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '10.00' }, keyed(key));
    const other = await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '11.00' }, keyed(key));
    expect(other.status).to.equal(422);
    expect(other.body.error.message).to.match(/already used for another request/);
    const otherPath = await api.call('POST', `/api/connections/${connection.id}/customers`, { name: 'Someone' }, keyed(key));
    expect(otherPath.status).to.equal(422);
    expect(await payments()).to.have.length(1);
  });

  it('makes one payment when ten retries race, and every answer that is not a 409 is the first one', async () => {
    const { api, connection, open, payments } = await syncedInvoice();
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '5.00' }, keyed(key))),
    );
    expect(await payments()).to.have.length(1);
    const made = answers.filter((a) => a.status === 201);
    expect(made.length).to.be.at.least(1);
    for (const a of made) expect(a.body).to.deep.equal(made[0].body);
    for (const a of answers.filter((x) => x.status !== 201)) {
      expect(a.status).to.equal(409);
      expect(a.body.error.message).to.match(/still being processed/);
    }
  });

  it('keeps a refusal as the answer to its key, and runs the request again after 24 hours', async () => {
    const { api, connection, open, payments, later } = await syncedInvoice();
    const key = randomUUID();
    const tooMuch = { invoiceId: open.id, amount: '999999.00' };
    const first = await api.call('POST', `/api/connections/${connection.id}/payments`, tooMuch, keyed(key));
    expect(first.status).to.equal(422);
    const again = await api.call('POST', `/api/connections/${connection.id}/payments`, tooMuch, keyed(key));
    expect(again).to.deep.include({ status: 422, body: first.body });
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    later(24 * 60 + 1);
    const small = { invoiceId: open.id, amount: '1.00' };
    const fresh = randomUUID();
    expect((await api.call('POST', `/api/connections/${connection.id}/payments`, small, keyed(fresh))).status).to.equal(201);
    later(24 * 60 + 1);
    const afterADay = await api.call('POST', `/api/connections/${connection.id}/payments`, small, keyed(fresh));
    expect(afterADay.status).to.equal(201);
    expect(afterADay.headers.get('idempotent-replayed')).to.equal(null);
    expect(await payments()).to.have.length(2);
  });

  it('refuses a key too short to be random, before doing anything', async () => {
    const { api, connection, open, payments } = await syncedInvoice();
    const short = await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '1.00' }, keyed('abc'));
    expect(short.status).to.equal(400);
    expect(short.body.error.message).to.match(/Idempotency-Key must be 16 to 255 printable characters/);
    expect(await payments()).to.have.length(0);
  });

  it('replays a new API key to its retry, and the database holds neither the key nor the answer in readable form', async () => {
    const api = await PartnerApi.createPartner(service.current.url, 'Rotator');
    const key = `rotate-${randomUUID()}`;
    const first = await api.call('POST', '/api/keys/rotate', undefined, keyed(key));
    const retry = await api.call('POST', '/api/keys/rotate', undefined, keyed(key));
    expect(first.status).to.equal(201);
    expect(retry.body).to.deep.equal(first.body);
    // The new key works; the one the retry would have made does not exist.
    expect((await new PartnerApi(service.current.url, first.body.apiKey).call('GET', '/api/connections')).status).to.equal(200);
    const em = service.current.service.database.orm.em.fork();
    const rows = await em
      .getConnection()
      .execute<{ key_hash: string; answer: Buffer; fingerprint: string }[]>('select key_hash, answer, fingerprint from idempotency_key');
    const stored = JSON.stringify(rows.map((r) => [r.key_hash, Buffer.from(r.answer).toString('latin1'), r.fingerprint]));
    expect(stored).not.to.include(first.body.apiKey);
    expect(stored).not.to.include(key);
  });
});

describe('Idempotency-Key across a restart (service processes)', function () {
  this.timeout(120_000);

  it('replays the answer kept before the service was killed', async () => {
    const instance = await RunningInstance.start();
    try {
      const api = await PartnerApi.createPartner(instance.url, 'Restart');
      const key = randomUUID();
      const first = await api.call('POST', '/api/connections', { companyName: 'Restart Books' }, keyed(key));
      expect(first.status).to.equal(201);
      await instance.kill();
      await instance.boot();
      const retry = await api.call('POST', '/api/connections', { companyName: 'Restart Books' }, keyed(key));
      expect(retry).to.deep.include({ status: 201, body: first.body });
      expect((await api.call('GET', '/api/connections')).body).to.have.length(1);
      // The install's password was shown once, and is shown again only to the retry that holds the key.
      const client = new Client({ connectionString: instance.database });
      await client.connect();
      try {
        const rows = (await client.query('select answer from idempotency_key')).rows as { answer: Buffer }[];
        expect(rows).to.have.length(1);
        expect(rows[0].answer.toString('latin1')).not.to.include(first.body.install.password);
      } finally {
        await client.end();
      }
    } finally {
      await instance.stop();
    }
  });
});
