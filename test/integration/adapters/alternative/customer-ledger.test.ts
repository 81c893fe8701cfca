import { expect } from 'chai';
import { ALTERNATIVE_SYSTEM } from '../../../../adapters/alternative/alternative-system';
import {
  archiveCustomer,
  createOwnCustomer,
  customerById,
  customerBySource,
  customerNameTaken,
  customersBySource,
  customersBySourceOrSent,
  listCustomers,
  relinkCustomer,
  upsertCustomers,
} from '../../../../adapters/alternative/store/customer-ledger';
import { QBD_SYSTEM } from '../../../../adapters/qbd/qbd-system';
import type { Customer } from '../../../../core/items/customer';
import type { Connection } from '../../../../core/store/entities/connection';
import { parseMoney } from '../../../../core/values/money';
import { enqueue, markOutbox } from '../../../../core/store/outbox';
import { countStatements } from '../../store/count-statements';
import { useLedger } from './ledger-fixture';

describe('The customer ledger (alt_customer)', function () {
  this.timeout(30_000);
  const ledger = useLedger();
  const { em, clock } = ledger;

  const fromQuickBooks = (id: string, name: string, extra: Partial<Customer> = {}): Customer => ({ id, name, fullName: name, isActive: true, ...extra });
  const upsert = async (c: Connection, customer: Customer, groups: string[] = ['*']) =>
    (
      await upsertCustomers(em(), {
        connectionId: c.id,
        system: QBD_SYSTEM,
        now: clock.read(),
        writes: [{ customer, groups, version: '1' }],
        existing: await customersBySource(em(), c.id, QBD_SYSTEM, [customer.id]),
      })
    )[0];

  it('stores a customer from QuickBooks with its balance as an exact decimal string', async () => {
    const c = await ledger.connection();
    const id = await upsert(c, fromQuickBooks('8000-1', 'Acme', { email: 'ap@acme.example', balance: parseMoney('1250.40') }));
    expect(await customerBySource(em(), c.id, QBD_SYSTEM, '8000-1')).to.deep.include({
      id,
      full_name: 'Acme',
      email: 'ap@acme.example',
      balance: '1250.40',
      is_active: true,
      archived_at: null,
    });
  });

  it('updates only the groups the rules let through', async () => {
    const c = await ledger.connection();
    const id = await upsert(c, fromQuickBooks('8000-2', 'Old name', { email: 'old@x.example' }));
    expect(await upsert(c, fromQuickBooks('8000-2', 'New name', { email: 'new@x.example' }), ['contact'])).to.equal(id);
    expect(await customerById(em(), c.id, id)).to.deep.include({ full_name: 'Old name', email: 'new@x.example' });
  });

  it('archives an inactive customer, and brings it back when it is active again, unless it was deleted', async () => {
    const c = await ledger.connection();
    const id = await upsert(c, fromQuickBooks('8000-3', 'Sleepy', { isActive: false }));
    expect((await customerById(em(), c.id, id))!.archived_at).to.not.equal(null);
    await upsert(c, fromQuickBooks('8000-3', 'Sleepy'));
    expect(await customerById(em(), c.id, id)).to.deep.include({ archived_at: null, is_active: true });
    await archiveCustomer(em(), id, clock.read(), true);
    await upsert(c, fromQuickBooks('8000-3', 'Sleepy'));
    const deleted = (await customerById(em(), c.id, id))!;
    expect([deleted.archived_at === null, deleted.deleted_at === null]).to.deep.equal([false, false]);
  });

  it('makes a platform customer whose own id is its source id, found under QuickBooks once relinked', async () => {
    const c = await ledger.connection();
    const id = await createOwnCustomer(em(), { connectionId: c.id, system: ALTERNATIVE_SYSTEM, name: 'Łódź Bakery', phone: '+48 1', now: clock.read() });
    expect(await customerById(em(), c.id, id)).to.deep.include({
      source_system: 'alternative',
      source_id: id,
      name: 'Łódź Bakery',
      phone: '+48 1',
      balance: null,
    });
    await relinkCustomer(em(), id, QBD_SYSTEM, '8000-9');
    expect((await customerBySource(em(), c.id, QBD_SYSTEM, '8000-9'))?.id).to.equal(id);
    expect(await customerById(em(), (await ledger.connection()).id, id), 'on another connection').to.equal(undefined);
  });

  it('reads a page of customers with, for the ids it does not know, the customer made here that came back under that id, in one statement', async () => {
    const c = await ledger.connection();
    await upsert(c, fromQuickBooks('8000-1', 'Known'));
    const ours = await createOwnCustomer(em(), { connectionId: c.id, system: ALTERNATIVE_SYSTEM, name: 'Made Here', now: clock.read() });
    const row = await enqueue(em(), {
      connectionId: c.id,
      source: ALTERNATIVE_SYSTEM,
      target: QBD_SYSTEM,
      item: 'customer',
      operation: 'customer-add',
      sourceId: ours,
      payload: {},
      now: clock.read(),
    });
    await markOutbox(em(), row, { state: 'done', targetId: '8000-2' }, clock.read());
    const reader = em();
    const statements = countStatements(reader);
    const { known, sent } = await customersBySourceOrSent(reader, c.id, QBD_SYSTEM, ['8000-1', '8000-2', '8000-3']);
    statements.stop();
    expect(statements.sent).to.have.length(1);
    expect([...known.keys()]).to.deep.equal(['8000-1']);
    expect(known.get('8000-1')).to.deep.include({ name: 'Known', source_id: '8000-1', balance: null });
    expect([...sent]).to.deep.equal([['8000-2', ours]]);
    const other = await ledger.connection();
    expect((await customersBySourceOrSent(em(), other.id, QBD_SYSTEM, ['8000-1', '8000-2'])).sent.size, 'on another connection').to.equal(0);
  });

  it('tells a name is taken in any case, not counting deleted customers or other connections', async () => {
    const c = await ledger.connection();
    const id = await createOwnCustomer(em(), { connectionId: c.id, system: ALTERNATIVE_SYSTEM, name: 'Café Ñandú', now: clock.read() });
    expect(await customerNameTaken(em(), c.id, 'CAFÉ ÑANDÚ')).to.equal(true);
    expect(await customerNameTaken(em(), (await ledger.connection()).id, 'Café Ñandú')).to.equal(false);
    await archiveCustomer(em(), id, clock.read(), true);
    expect(await customerNameTaken(em(), c.id, 'Café Ñandú')).to.equal(false);
  });

  it('pages customers by full name', async () => {
    const c = await ledger.connection();
    for (const name of ['Charlie', 'Alpha', 'Bravo'])
      await createOwnCustomer(em(), { connectionId: c.id, system: ALTERNATIVE_SYSTEM, name, now: clock.read() });
    const first = await listCustomers(em(), c.id, 2);
    expect(first.map((r) => r.full_name)).to.deep.equal(['Alpha', 'Bravo']);
    const next = await listCustomers(em(), c.id, 2, { fullName: first[1].full_name, id: first[1].id });
    expect(next.map((r) => r.full_name)).to.deep.equal(['Charlie']);
  });
});
