import { expect } from 'chai';
import { CustomerWrites } from '../../../../adapters/alternative/services/customer-writes';
import { customerById } from '../../../../adapters/alternative/store/customer-ledger';
import { refusal, useLedger } from './ledger-fixture';

describe('CustomerWrites', function () {
  this.timeout(30_000);
  const ledger = useLedger();
  const { em, clock } = ledger;
  const writes = () => ledger.service.current.service.container.get(CustomerWrites);

  it('makes a platform customer under its trimmed name, active, with its contact details', async () => {
    const c = await ledger.connection();
    const id = await writes().create(em(), c, { name: '  Łódź Bakery  ', email: 'billing@lodz.example' }, clock.read());
    expect(await customerById(em(), c.id, id)).to.deep.include({
      source_system: 'alternative',
      source_id: id,
      name: 'Łódź Bakery',
      full_name: 'Łódź Bakery',
      email: 'billing@lodz.example',
      company_name: null,
      is_active: true,
    });
  });

  it('refuses an empty name and a name taken in any case, writing nothing', async () => {
    const c = await ledger.connection();
    await writes().create(em(), c, { name: 'Café Ñandú' }, clock.read());
    expect((await refusal(writes().create(em(), c, { name: '   ' }, clock.read()))).message).to.equal('name must not be empty.');
    const twin = await refusal(writes().create(em(), c, { name: 'CAFÉ ÑANDÚ' }, clock.read()));
    expect([twin.kind, twin.message]).to.deep.equal(['conflict', 'A customer named "CAFÉ ÑANDÚ" already exists on this connection.']);
    expect(await ledger.count('alt_customer', c)).to.equal(1);
  });
});
