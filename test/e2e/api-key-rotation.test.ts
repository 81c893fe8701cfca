import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { TestClock } from '../support/connected-company';
import { PartnerApi } from '../support/partner-api';
import { useTestService } from '../support/use-test-service';

const HOUR = 60 * 60 * 1000;

describe('API keys the partner rotates, with a grace period for the old one', function () {
  this.timeout(60_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({}, clock.read);

  const as = (key: string) => new PartnerApi(service.current.url, key);
  /** What a partner's deployment sees with a key: 200, or 401 once it is refused. */
  const statusWith = async (key: string) => (await as(key).call('GET', '/api/connections')).status;

  it('the new key works at once; the old one works for 24 hours by the clock, then is refused', async () => {
    const old = await PartnerApi.createPartner(service.current.url, 'Rotating Co');
    await old.call('POST', '/api/connections', { companyName: 'Rotating Books' });
    const rotated = await old.call('POST', '/api/keys/rotate');
    expect(rotated.status).to.equal(201);
    expect(rotated.body).to.have.keys('apiKey', 'previousKeyExpiresAt');
    expect(rotated.body.apiKey).to.match(/^altk_[A-Za-z0-9_-]{43}$/);
    expect(rotated.body.previousKeyExpiresAt).to.equal(new Date(clock.now + 24 * HOUR).toISOString());
    const fresh = as(rotated.body.apiKey);
    expect((await fresh.call('GET', '/api/connections')).body.map((c: { companyName: string }) => c.companyName)).to.deep.equal(['Rotating Books']);

    clock.now += 24 * HOUR - 1000;
    expect(await statusWith(old.apiKey), 'a second before the grace ends').to.equal(200);
    clock.now += 1000;
    expect(await statusWith(old.apiKey), 'when the grace ends').to.equal(401);
    expect(await statusWith(fresh.apiKey)).to.equal(200);

    const stored = JSON.stringify(await service.current.service.database.orm.em.fork().getConnection().execute('select * from partner'));
    expect(stored).not.to.include(fresh.apiKey);
    expect(stored).to.include(createHash('sha256').update(fresh.apiKey).digest('hex'));
  });

  it('rotating again during the grace ends the oldest key at once: one previous key at most', async () => {
    const first = await PartnerApi.createPartner(service.current.url, 'Twice Co');
    const second = as((await first.call('POST', '/api/keys/rotate')).body.apiKey);
    clock.now += HOUR;
    const third = await second.call('POST', '/api/keys/rotate');
    expect(third.status).to.equal(201);
    expect(third.body.previousKeyExpiresAt).to.equal(new Date(clock.now + 24 * HOUR).toISOString());
    expect(await statusWith(first.apiKey), 'the oldest').to.equal(401);
    expect(await statusWith(second.apiKey), 'the previous').to.equal(200);
    expect(await statusWith(third.body.apiKey), 'the current').to.equal(200);
  });

  it('with revokePrevious the old key is refused at once (a leak)', async () => {
    const old = await PartnerApi.createPartner(service.current.url, 'Leaky Co');
    const rotated = await old.call('POST', '/api/keys/rotate', { revokePrevious: true });
    expect(rotated.status).to.equal(201);
    expect(rotated.body.previousKeyExpiresAt).to.equal(null);
    expect(await statusWith(old.apiKey)).to.equal(401);
    expect(await statusWith(rotated.body.apiKey)).to.equal(200);
  });

  it('a key in its grace period serves requests but cannot rotate, and the refusal changes nothing', async () => {
    const old = await PartnerApi.createPartner(service.current.url, 'Straggler Co');
    const current = (await old.call('POST', '/api/keys/rotate')).body.apiKey as string;
    const refused = await old.call('POST', '/api/keys/rotate', { revokePrevious: true });
    expect(refused.status).to.equal(401);
    expect(refused.body.error.message).to.match(/current API key/);
    expect(await statusWith(old.apiKey)).to.equal(200);
    expect(await statusWith(current)).to.equal(200);
  });

  it('refuses a body that is not { revokePrevious: boolean } and keeps the key as it was', async () => {
    const partner = await PartnerApi.createPartner(service.current.url, 'Careful Co');
    for (const body of [{ revokePrevious: 'yes' }, { revoke: true }]) {
      const answer = await partner.call('POST', '/api/keys/rotate', body);
      expect(answer.status, JSON.stringify(body)).to.equal(422);
    }
    const notJson = await fetch(`${service.current.url}/api/keys/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.apiKey}`, 'content-type': 'text/plain' },
      body: 'revokePrevious',
    });
    expect(notJson.status).to.equal(400);
    // Still the only key, with no grace period running out: a day later it works as before.
    clock.now += 25 * HOUR;
    expect(await statusWith(partner.apiKey)).to.equal(200);
  });
});
