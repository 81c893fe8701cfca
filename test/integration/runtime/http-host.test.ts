import { expect } from 'chai';
import { readJson } from '../../support/read-json';
import type Router from '@koa/router';
import { TOKENS } from '../../../core/runtime/tokens';
import { TEST_ADMIN_TOKEN, TestService, startTestService } from '../../support/test-service';

describe('The HTTP host (whole service in process)', () => {
  let test: TestService;
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' };

  before(async () => {
    test = await startTestService();
  });
  after(async () => {
    await test?.stop();
  });

  describe('GET /health', () => {
    it('answers 200 and names the database it checked', async () => {
      const res = await fetch(`${test.url}/health`);
      expect(res.status).to.equal(200);
      expect(await readJson(res)).to.deep.equal({ status: 'ok', database: process.env.DATABASE_URL ? 'external' : 'embedded' });
    });
  });

  describe('request ids', () => {
    it('makes one up and returns it, and logs it with the request', async () => {
      const res = await fetch(`${test.url}/health`);
      const id = res.headers.get('x-request-id');
      expect(id).to.match(/^[0-9a-f-]{36}$/);
      expect(test.logs.some((l) => l.msg === 'request' && l.requestId === id && l.status === 200)).to.equal(true);
    });

    it('keeps a sane id the caller sent, and replaces one that could forge log lines', async () => {
      expect((await fetch(`${test.url}/health`, { headers: { 'x-request-id': 'lb-1234.abc' } })).headers.get('x-request-id')).to.equal('lb-1234.abc');
      const forged = await fetch(`${test.url}/health`, { headers: { 'x-request-id': 'a"}\t{"level":"error' } });
      expect(forged.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
    });
  });

  describe('the error boundary', () => {
    it('answers an unknown path with a JSON 404 that carries the request id', async () => {
      const res = await fetch(`${test.url}/nowhere`);
      expect(res.status).to.equal(404);
      const body = await readJson(res);
      expect(body.error).to.include({ kind: 'not-found', requestId: res.headers.get('x-request-id') });
    });

    it('answers an unreadable body 400 and an invalid one 422 listing every problem', async () => {
      const bad = await fetch(`${test.url}/api/admin/partners`, { method: 'POST', headers: admin, body: '{"name":' });
      expect(bad.status).to.equal(400);
      expect((await readJson(bad)).error.kind).to.equal('malformed');
      const invalid = await fetch(`${test.url}/api/admin/partners`, { method: 'POST', headers: admin, body: JSON.stringify({ name: '', extra: 1 }) });
      expect(invalid.status).to.equal(422);
      expect((await readJson(invalid)).error.problems).to.deep.equal([
        { at: 'name', message: 'must not be empty' },
        { at: 'extra', message: 'is not a known field' },
      ]);
    });

    it('refuses a body over the limit without reading it all', async () => {
      const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
      const res = await fetch(`${test.url}/api/admin/partners`, { method: 'POST', headers: admin, body: huge });
      expect(res.status).to.equal(400);
      expect((await readJson(res)).error.message).to.match(/larger than/);
    });
  });

  describe('the admin partner routes', () => {
    it('refuse a missing or wrong admin token', async () => {
      expect((await fetch(`${test.url}/api/admin/partners`)).status).to.equal(401);
      expect((await fetch(`${test.url}/api/admin/partners`, { headers: { authorization: 'Bearer nope' } })).status).to.equal(401);
    });

    it('create a partner, show its API key once, and list it without the key', async () => {
      const created = await fetch(`${test.url}/api/admin/partners`, { method: 'POST', headers: admin, body: JSON.stringify({ name: '  Acme Corp ' }) });
      expect(created.status).to.equal(201);
      const partner = await readJson(created);
      expect(partner).to.have.keys('id', 'name', 'apiKey');
      expect(partner.name).to.equal('Acme Corp');
      expect(partner.apiKey).to.match(/^altk_[A-Za-z0-9_-]{43}$/);
      const list = await readJson(await fetch(`${test.url}/api/admin/partners`, { headers: admin }));
      const listed = list.find((p: { id: string }) => p.id === partner.id);
      expect(listed).to.have.keys('id', 'name', 'createdAt');
      expect(JSON.stringify(list)).not.to.include(partner.apiKey);
    });
  });

  it('binds the routes plugins contribute (the default plugin brings the admin routes)', () => {
    const names = test.service.container.getAll<{ name: string; register: (r: Router) => void }>(TOKENS.HttpRoutes).map((r) => r.name);
    expect(names).to.include.members(['health', 'admin-partners', 'alternative-ledger', 'alternative-payments', 'qbwc-soap', 'qbd-connections']);
    expect(new Set(names).size, 'no route contribution twice').to.equal(names.length);
  });
});

describe('The HTTP host without ADMIN_TOKEN', () => {
  it('has no admin routes at all (404, not 401)', async () => {
    const test = await startTestService({ ADMIN_TOKEN: '' });
    try {
      const res = await fetch(`${test.url}/api/admin/partners`, { headers: { authorization: 'Bearer anything-at-all-here' } });
      expect(res.status).to.equal(404);
    } finally {
      await test.stop();
    }
  });
});
