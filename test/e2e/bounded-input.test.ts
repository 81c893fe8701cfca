import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { PartnerApi } from '../support/partner-api';
import { useTestService } from '../support/use-test-service';

/** Sends a JSON text as written (JSON.stringify would never write a lone surrogate escape). */
async function postRaw(api: PartnerApi, path: string, json: string) {
  const res = await fetch(`${api.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/json' },
    body: json,
  });
  return { status: res.status, body: (await res.json()) as { error?: { message: string } } };
}

/** Bad input gets a clear 422 and changes nothing (the money issue, point 5). */
describe('Bounded, precise input on the partner API (over HTTP)', function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });

  async function connection() {
    const api = await PartnerApi.createPartner(service.current.url, 'Bounds');
    const created = (await api.call('POST', '/api/connections', { companyName: 'Bounds Books' })).body;
    return { api, id: created.id as string };
  }

  it('refuses a payout of more than 500 payments, and ids that are not payment ids, before any query', async () => {
    const { api, id } = await connection();
    const many = await api.call('POST', `/api/connections/${id}/payouts`, { paymentIds: Array.from({ length: 501 }, () => randomUUID()) });
    expect(many.status).to.equal(422);
    expect(many.body.error.message).to.match(/paymentIds: must have at most 500 items/);
    const forged = await api.call('POST', `/api/connections/${id}/payouts`, { paymentIds: ['9999999999999999999', 'x'] });
    expect(forged.status).to.equal(422);
    expect(forged.body.error.message).to.match(/not payment ids: 9999999999999999999, x/);
    const unknown = await api.call('POST', `/api/connections/${id}/payouts`, { paymentIds: [randomUUID()] });
    expect(unknown.status).to.equal(422);
    expect((await api.call('GET', `/api/connections/${id}/deposits`)).body.items).to.deep.equal([]);
  });

  it('refuses control characters and lone surrogates in text instead of storing them altered', async () => {
    const { api, id } = await connection();
    const nul = await postRaw(api, `/api/connections/${id}/customers`, '{"name":"Null\\u0000Byte"}');
    expect(nul.status).to.equal(422);
    expect(nul.body.error!.message).to.match(/name: must not contain control characters or unpaired surrogates/);
    const lone = await postRaw(api, `/api/connections/${id}/customers`, '{"name":"Half \\ud800 a pair"}');
    expect(lone.status).to.equal(422);
    const pair = await postRaw(api, `/api/connections/${id}/customers`, '{"name":"A whole pair \\ud83d\\ude00"}');
    expect(pair.status).to.equal(201);
    const names = ((await api.call('GET', `/api/connections/${id}/customers`)).body.items as { name: string }[]).map((c) => c.name);
    expect(names).to.deep.equal(['A whole pair \u{1F600}']);
  });

  it('refuses forged page cursors with 422, never 500', async () => {
    const { api, id } = await connection();
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const [route, cursor] of [
      ['events', encode({ id: '9999999999999999999' })],
      ['invoices', encode({ txnDate: '2026-13-45', id: randomUUID() })],
      ['invoices', encode({ txnDate: '2026-01-01', id: 'not-a-uuid' })],
      ['payments', encode({ createdAt: 'nonsense', id: randomUUID() })],
      ['customers', encode({ fullName: 'x\u0000', id: randomUUID() })],
    ]) {
      const answer = await api.call('GET', `/api/connections/${id}/${route}?cursor=${cursor}`);
      expect(answer.status, `${route} ${Buffer.from(cursor, 'base64url')}`).to.equal(422);
    }
  });
});
