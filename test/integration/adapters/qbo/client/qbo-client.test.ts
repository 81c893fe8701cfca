import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { queryPage, readEntity, writeEntity } from '../../../../../adapters/qbo/client/qbo-calls';
import type { QboClient } from '../../../../../adapters/qbo/client/qbo-client';
import { faultOf, retryAfterOf } from '../../../../../adapters/qbo/client/qbo-fault';
import { AppError } from '../../../../../core/errors/app-error';
import { type QboSyncEnv, qboSyncEnv } from '../sync/qbo-sync-env';

describe('QboClient against the QuickBooks Online simulator', function () {
  this.timeout(60_000);
  let env: QboSyncEnv;
  let client: QboClient;
  before(async () => {
    env = await qboSyncEnv({ seed: 3, customers: 3, invoices: 3 });
    client = env.clients.clientFor(env.connectionId);
  });
  after(() => env?.stop());
  beforeEach(() => void (env.sim.requests.length = 0));

  const statuses = () => env.sim.requests.map((r) => r.status);
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected a failure');
      },
      (e: unknown) => e as AppError,
    );

  it('refreshes an access token QBO refused (401) once, and tries again', async () => {
    env.sim.faults.expireAccessTokens();
    const { rows } = await queryPage(client, { entity: 'Customer', startPosition: 1, maxResults: 10 });
    expect(rows.length).to.be.greaterThan(0);
    expect(statuses()).to.deep.equal([401, 200]);
  });

  it('waits out a throttle answered in XML and tries again', async () => {
    env.sim.faults.throttle(1, { xml: true });
    await queryPage(client, { entity: 'Invoice', startPosition: 1, maxResults: 10 });
    expect(statuses()).to.deep.equal([429, 200]);
  });

  it('gives up on a throttle that lasts past its tries as transient, asking for a minute', async () => {
    // Three answers of 429: every try the client makes (the env's backoff has two waits).
    env.sim.faults.throttle(3);
    const error = await failure(queryPage(client, { entity: 'Invoice', startPosition: 1, maxResults: 10 }));
    expect(error.kind).to.equal('transient');
    expect(retryAfterOf(error)).to.equal(60);
    expect(statuses()).to.deep.equal([429, 429, 429]);
  });

  it('answers a write sent again under the same requestid with the first answer, writing once', async () => {
    const requestId = randomUUID();
    const body = { DisplayName: `Client Test ${requestId.slice(0, 8)}` };
    const first = await writeEntity(client, { entity: 'Customer', body, requestId, what: 'a test customer' });
    const again = await writeEntity(client, { entity: 'Customer', body, requestId, what: 'a test customer' });
    expect(again.Id).to.equal(first.Id);
    expect(
      env.sim
        .books(env.realmId)
        .all('Customer')
        .filter((c) => c.DisplayName === body.DisplayName),
    ).to.have.length(1);
    expect(env.sim.requests.map((r) => r.requestId)).to.deep.equal([requestId, requestId]);
  });

  it('classifies a refusal by its code and keeps the fault for the caller', async () => {
    const error = await failure(readEntity(client, 'Invoice', '999999'));
    expect(error.kind).to.equal('invalid');
    expect(faultOf(error)?.code).to.equal('610');
  });
});
