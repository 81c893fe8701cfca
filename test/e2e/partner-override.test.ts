import { expect } from 'chai';
import { TestClock, connectedCompany } from '../support/connected-company';
import { PartnerApi } from '../support/partner-api';
import { schemaAvailability, schemaErrors } from '../support/qbxml-schema';
import { GOOD_DEFAULTS, writeConfigDir } from '../support/test-config-dir';
import { TestService, startTestService } from '../support/test-service';

const KEEPS_BOTH = '6f1c2a9e-4b7d-4e21-9a53-0c8d7e6b5a41';

describe('A partner override file: customers created in Alternative go to QuickBooks for that partner only', function () {
  this.timeout(60_000);
  let test: TestService;
  let keepsBoth: PartnerApi;
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());

  before(async () => {
    const configDir = writeConfigDir({
      'defaults.json': GOOD_DEFAULTS,
      [`partners/keeps-both.json`]: {
        partnerId: KEEPS_BOTH,
        rules: [{ item: 'customer', operation: 'upsert', flow: 'both', note: 'Customers live in both systems.' }],
      },
    });
    test = await startTestService({ CONFIG_DIR: configDir }, clock.read);
    keepsBoth = await PartnerApi.createPartner(test.url, 'Keeps Both', KEEPS_BOTH);
  });
  after(async () => {
    await test?.stop();
  });

  /** A new company for the override partner (`true`) or for a new partner on the defaults. */
  async function setup(overridden = false) {
    const env = await connectedCompany(test, clock, { seed: 41, customers: 8, invoices: 10, years: 1 }, overridden ? { api: keepsBoth } : {});
    await env.connector.runSession();
    env.later(5);
    const create = (name: string) => env.api.call('POST', `/api/connections/${env.connection.id}/customers`, { name, email: 'ap@example.com' });
    const named = (name: string) => [...env.company.customers.values()].filter((c) => c.name === name);
    return { ...env, create, named };
  }

  it('adds the customer to QuickBooks once, and the ledger keeps one customer linked to it', async () => {
    const { api, connection, connector, create, named, all, later } = await setup(true);
    const created = await create('Platform Patron');
    expect(created.status).to.equal(201);
    expect(created.body).to.deep.include({ name: 'Platform Patron', qbd: { state: 'pending' } });
    expect((await connector.runSession()).ended).to.equal('closed');
    const inQuickBooks = named('Platform Patron');
    expect(inQuickBooks).to.have.length(1);
    expect(inQuickBooks[0].email).to.equal('ap@example.com');
    const after = (await api.call('GET', `/api/connections/${connection.id}/customers/${created.body.id}`)).body;
    expect(after.qbd).to.deep.equal({ state: 'synced', listId: inQuickBooks[0].listId });
    expect(after.source).to.deep.include({ system: 'qbd', id: inQuickBooks[0].listId });
    later(10);
    await connector.runSession();
    const ledger = (await all<{ name: string; id: string }>(`/api/connections/${connection.id}/customers`)).filter((c) => c.name === 'Platform Patron');
    expect(ledger.map((c) => c.id)).to.deep.equal([created.body.id]);
  });

  it('adds exactly one customer when the answer to CustomerAdd is lost', async () => {
    const { api, connection, connector, create, named, later } = await setup(true);
    const created = await create('Lost Answer LLC');
    expect((await connector.runSession({ loseReceiveAnswer: 1 })).ended).to.equal('dropped');
    expect(named('Lost Answer LLC')).to.have.length(1);
    later(0.1); // runs again seconds later: the new sign-in replaces the dead session
    await connector.runSession();
    expect(named('Lost Answer LLC')).to.have.length(1);
    expect((await api.call('GET', `/api/connections/${connection.id}/customers/${created.body.id}`)).body.qbd).to.deep.equal({
      state: 'synced',
      listId: named('Lost Answer LLC')[0].listId,
    });
  });

  it('finds a customer whose name QuickBooks stores transliterated after a lost answer, and adds it once', async () => {
    const { connector, create, company, later } = await setup(true);
    await create('Zoë “Quoted” Café');
    expect((await connector.runSession({ loseReceiveAnswer: 1 })).ended).to.equal('dropped');
    later(0.1); // runs again seconds later: the new sign-in replaces the dead session
    await connector.runSession();
    const stored = [...company.customers.values()].filter((c) => c.name.startsWith('Zo'));
    expect(stored.map((c) => c.name)).to.deep.equal(['Zoë "Quoted" Café']);
  });

  it('records a name QuickBooks already uses as needing the partner, not retried', async () => {
    const { api, connection, connector, company, create, later } = await setup(true);
    company.addCustomer({ name: 'Taken Name Inc' }); // made in QuickBooks after the last sync
    const created = await create('Taken Name Inc');
    await connector.runSession();
    const state = (await api.call('GET', `/api/connections/${connection.id}/customers/${created.body.id}`)).body.qbd;
    expect(state.state).to.equal('needs_action');
    expect(state.message).to.match(/3100/);
    later(10);
    const outcome = await connector.runSession();
    expect(outcome.ended).to.equal('closed');
    expect([...company.customers.values()].filter((c) => c.name === 'Taken Name Inc')).to.have.length(1);
  });

  it('keeps customers created in Alternative out of QuickBooks for every other partner, and logs why', async () => {
    const { api, connection, connector, quickBooks, create, named } = await setup();
    const created = await create('Stays Here Co');
    expect(created.body.qbd.state).to.equal('not_sent');
    await connector.runSession();
    expect(named('Stays Here Co')).to.have.length(0);
    expect(quickBooks.log.some((l) => l.requestXml.includes('<CustomerAddRq'))).to.equal(false);
    const events = (await api.call('GET', `/api/connections/${connection.id}/events?limit=200`)).body.items as {
      item: string;
      from: string;
      outcome: string;
      sourceId: string;
    }[];
    expect(events.find((e) => e.item === 'customer' && e.sourceId === created.body.id)).to.deep.include({ from: 'alternative', outcome: 'denied' });
  });

  it('refuses a second customer of the same name, and an empty one, changing nothing', async () => {
    const { create, all, connection } = await setup();
    expect((await create('Twice Co')).status).to.equal(201);
    const before = await all(`/api/connections/${connection.id}/customers`);
    expect((await create('twice co')).status).to.equal(409);
    expect((await create('   ')).status).to.equal(422);
    expect(await all(`/api/connections/${connection.id}/customers`)).to.have.length(before.length);
  });

  it('sends only schema-valid requests', async function () {
    if (!schemaAvailability().available) this.skip();
    const { connector, create, quickBooks, later } = await setup(true);
    await create('Schema Valid Co');
    await connector.runSession({ loseReceiveAnswer: 1 });
    later(0.1); // runs again seconds later: the new sign-in replaces the dead session
    await connector.runSession();
    expect(Object.fromEntries(await schemaErrors(quickBooks.log.map((l, i) => ({ name: `request ${i}`, xml: l.requestXml }))))).to.deep.equal({});
  });
});
