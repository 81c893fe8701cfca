import { expect } from 'chai';
import { TestClock } from '../../support/connected-company';
import { PartnerApi } from '../../support/partner-api';
import { stubWebhookResolver } from '../../support/stub-webhook-resolver';
import { useTestService } from '../../support/use-test-service';

// No network: names resolve through the stub, and every accepted URL points at this machine.
const DNS = {
  localhost: ['127.0.0.1'],
  'hooks.example.com': ['10.0.0.5'],
  'mixed.example.com': ['8.8.8.8', '169.254.169.254'],
  'public.example.com': ['8.8.8.8'],
};
const LOCAL = 'http://127.0.0.1:9/hook';

describe('The webhooks API: registering, listing, changing and deleting endpoints', function () {
  this.timeout(60_000);
  const clock = new TestClock(new Date('2026-12-02T10:00:00Z').getTime());
  const service = useTestService({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1, localhost' }, clock.read, [stubWebhookResolver(DNS)]);
  const partner = (name: string) => PartnerApi.createPartner(service.current.url, name);

  it('answers 201 with a whsec_ secret once; the list never shows it', async () => {
    const acme = await partner('Hooked Co');
    const created = await acme.call('POST', '/api/webhooks', { url: LOCAL, events: ['invoice.created', 'payment.posted'] });
    expect(created.status).to.equal(201);
    expect(created.body).to.include({ url: LOCAL, enabled: true, createdAt: '2026-12-02T10:00:00.000Z' });
    expect(created.body.events).to.deep.equal(['invoice.created', 'payment.posted']);
    expect(created.body.secret).to.match(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(created.body.secret.slice(6), 'base64')).to.have.length(32);

    clock.now += 1000; // the list is in the order endpoints were added
    const all = await acme.call('POST', '/api/webhooks', { url: 'http://localhost:9/all' });
    expect(all.status).to.equal(201);
    expect(all.body.events).to.equal(null);
    expect(all.body.secret).not.to.equal(created.body.secret);

    const listed = await acme.call('GET', '/api/webhooks');
    expect(listed.status).to.equal(200);
    expect(listed.body.items.map((w: { id: string }) => w.id)).to.deep.equal([created.body.id, all.body.id]);
    expect(listed.body.items[0]).to.deep.equal({
      id: created.body.id,
      url: LOCAL,
      events: ['invoice.created', 'payment.posted'],
      enabled: true,
      disabledAt: null,
      disabledReason: null,
      failingSince: null,
      createdAt: '2026-12-02T10:00:00.000Z',
      stats: { pending: 0, failed: 0 },
    });
    expect(JSON.stringify(listed.body)).not.to.include('whsec_');
  });

  it('accepts an https URL whose every address is public', async () => {
    const acme = await partner('Public Co');
    const created = await acme.call('POST', '/api/webhooks', { url: 'https://public.example.com/hooks' });
    expect(created.status).to.equal(201);
    // Deleted at once: nothing of a test should ever be sent anywhere but this machine.
    expect((await acme.call('DELETE', `/api/webhooks/${created.body.id}`)).status).to.equal(204);
  });

  it('refuses (422) a bad URL, plain http to a host not allowed, a private address, an unknown type, and adds nothing', async () => {
    const acme = await partner('Refused Co');
    const refusals: [unknown, RegExp][] = [
      [{ url: 'not a url' }, /not a valid absolute URL/],
      [{ url: 'ftp://127.0.0.1/x' }, /https/],
      [{ url: 'http://public.example.com/x' }, /https/],
      [{ url: 'https://user:pw@public.example.com/x' }, /user name or password/],
      [{ url: 'https://hooks.example.com/x' }, /private, loopback or reserved address.*WEBHOOK_ALLOW_HOSTS/],
      [{ url: 'https://mixed.example.com/x' }, /private, loopback or reserved address/],
      [{ url: 'https://unknown.example.com/x' }, /does not resolve/],
      [{ url: LOCAL, events: ['invoice.created', 'invoice.paid'] }, /events\[1\]: "invoice.paid" is not an event type/],
      [{ url: LOCAL, events: [] }, /non-empty list/],
      [{ url: LOCAL, secret: 'mine' }, /secret: is not a known field/],
      [{ events: ['invoice.created'] }, /url: is required/],
    ];
    for (const [body, message] of refusals) {
      const answer = await acme.call('POST', '/api/webhooks', body);
      expect(answer.status, JSON.stringify(body)).to.equal(422);
      expect(answer.body.error.kind).to.equal('invalid');
      expect(answer.body.error.message, JSON.stringify(body)).to.match(message);
    }
    expect((await acme.call('GET', '/api/webhooks')).body.items).to.deep.equal([]);
  });

  it("answers another partner's webhook as missing (404) and leaves it as it was", async () => {
    const owner = await partner('Owner Co');
    const other = await partner('Other Co');
    const { id } = (await owner.call('POST', '/api/webhooks', { url: LOCAL })).body;
    for (const [method, path, body] of [
      ['PATCH', `/api/webhooks/${id}`, { enabled: false }],
      ['DELETE', `/api/webhooks/${id}`, undefined],
      ['POST', `/api/webhooks/${id}/test`, undefined],
      ['GET', `/api/webhooks/${id}/deliveries`, undefined],
      ['POST', `/api/webhooks/${id}/deliveries/${id}/retry`, undefined],
      ['PATCH', '/api/webhooks/not-a-uuid', { enabled: false }],
    ] as const) {
      const answer = await other.call(method, path, body);
      expect(answer.status, `${method} ${path}`).to.equal(404);
      expect(answer.body.error.kind).to.equal('not-found');
    }
    expect((await other.call('GET', '/api/webhooks')).body.items).to.deep.equal([]);
    const [kept] = (await owner.call('GET', '/api/webhooks')).body.items;
    expect(kept).to.include({ id, enabled: true });
    expect((await owner.call('GET', `/api/webhooks/${id}/deliveries`)).body.items).to.deep.equal([]);
  });

  it('checks a changed URL as at registration, and changes only what is given', async () => {
    const acme = await partner('Changing Co');
    const { id } = (await acme.call('POST', '/api/webhooks', { url: LOCAL, events: ['invoice.created'] })).body;
    const refused = await acme.call('PATCH', `/api/webhooks/${id}`, { url: 'https://hooks.example.com/new', events: ['customer.created'] });
    expect(refused.status).to.equal(422);
    expect(refused.body.error.message).to.match(/private, loopback or reserved/);
    expect((await acme.call('GET', '/api/webhooks')).body.items[0])
      .to.include({ url: LOCAL })
      .and.to.have.deep.property('events', ['invoice.created']);

    const moved = await acme.call('PATCH', `/api/webhooks/${id}`, { url: 'http://localhost:9/moved' });
    expect(moved.status).to.equal(200);
    expect(moved.body).to.include({ id, url: 'http://localhost:9/moved', enabled: true });
    expect(moved.body.events).to.deep.equal(['invoice.created']);

    const everything = await acme.call('PATCH', `/api/webhooks/${id}`, { events: null });
    expect(everything.body.events).to.equal(null);
    expect(everything.body.url).to.equal('http://localhost:9/moved');
    expect((await acme.call('PATCH', `/api/webhooks/${id}`, { events: ['nope'] })).status).to.equal(422);
    expect((await acme.call('PATCH', `/api/webhooks/${id}`, { enabled: 'yes' })).status).to.equal(422);
  });

  it('deletes an endpoint (204) and then knows it no more', async () => {
    const acme = await partner('Deleting Co');
    const { id } = (await acme.call('POST', '/api/webhooks', { url: LOCAL })).body;
    await acme.call('POST', `/api/webhooks/${id}/test`);
    const deleted = await acme.call('DELETE', `/api/webhooks/${id}`);
    expect(deleted.status).to.equal(204);
    expect((await acme.call('GET', '/api/webhooks')).body.items).to.deep.equal([]);
    expect((await acme.call('DELETE', `/api/webhooks/${id}`)).status).to.equal(404);
    expect((await acme.call('GET', `/api/webhooks/${id}/deliveries`)).status).to.equal(404);
  });

  it('keeps at most 20 endpoints per partner', async () => {
    const acme = await partner('Many Co');
    for (let i = 0; i < 20; i++) expect((await acme.call('POST', '/api/webhooks', { url: `${LOCAL}/${i}` })).status).to.equal(201);
    const refused = await acme.call('POST', '/api/webhooks', { url: `${LOCAL}/20` });
    expect(refused.status).to.equal(409);
    expect(refused.body.error.message).to.match(/at most 20/);
    expect((await acme.call('GET', '/api/webhooks')).body.items).to.have.length(20);
  });
});
