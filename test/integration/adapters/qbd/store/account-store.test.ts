import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { AccountRow, accountsOf, replaceAccounts } from '../../../../../adapters/qbd/store/account-store';
import { flushHeldWrites } from '../../../../../core/store/flush-held-writes';
import { holdWrites } from '../../../../../core/store/held-writes';
import { PartnerApi } from '../../../../support/partner-api';
import { useTestService } from '../../../../support/use-test-service';
import { countStatements } from '../../../store/count-statements';

type Answered = AccountRow & { edit_sequence: string };

/** An account as QuickBooks answers it to an AccountQuery. */
const account = (listId: string, fullName: string, editSequence = '1', extra: Partial<Answered> = {}): Answered => ({
  list_id: listId,
  name: fullName.split(':').pop()!,
  full_name: fullName,
  account_type: 'Bank',
  special_account_type: null,
  is_active: true,
  edit_sequence: editSequence,
  ...extra,
});

/** The account as the cache reads it back: everything but the EditSequence. */
function cached(a: Answered): AccountRow {
  const { edit_sequence: _editSequence, ...row } = a;
  return row;
}

describe('The cached chart of accounts (account-store)', function () {
  this.timeout(60_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork() as EntityManager;

  async function connectionId(): Promise<string> {
    const api = await PartnerApi.createPartner(service.current.url, 'Accounts');
    return (await api.call('POST', '/api/connections', { companyName: 'Account Books' })).body.id as string;
  }

  it('keeps every account QuickBooks answered and reads them back by full name, inactive ones too', async () => {
    const c = await connectionId();
    const funds = account('80-3', 'Undeposited Funds', '1', { account_type: 'OtherCurrentAsset', special_account_type: 'UndepositedFunds' });
    const savings = account('80-2', 'Bank:Savings', '7', { is_active: false });
    const bank = account('80-1', 'Bank');
    await replaceAccounts(em(), c, [funds, savings, bank]);
    expect(await accountsOf(em(), c)).to.deep.equal([cached(bank), cached(savings), cached(funds)]);
  });

  it('orders accounts of one full name by their ListID', async () => {
    const c = await connectionId();
    await replaceAccounts(em(), c, [account('80-9', 'Same'), account('80-10', 'Same'), account('80-1', 'Earlier')]);
    expect((await accountsOf(em(), c)).map((a) => a.list_id)).to.deep.equal(['80-1', '80-10', '80-9']);
  });

  it('replaces the chart in one statement: accounts gone are deleted, new ones added', async () => {
    const c = await connectionId();
    await replaceAccounts(em(), c, [account('80-1', 'Bank'), account('80-2', 'Gone')]);
    const reader = em();
    const statements = countStatements(reader);
    await replaceAccounts(reader, c, [account('80-1', 'Bank'), account('80-3', 'New')]);
    statements.stop();
    expect(statements.sent).to.have.length(1);
    expect((await accountsOf(em(), c)).map((a) => a.list_id)).to.deep.equal(['80-1', '80-3']);
  });

  it("holds a session answer's chart for its last statement, and writes it first when the chart is read in the same answer", async () => {
    const c = await connectionId();
    await replaceAccounts(em(), c, [account('80-1', 'Bank'), account('80-2', 'Gone')]);
    await em().transactional(async (t) => {
      const tx = t as EntityManager;
      holdWrites(tx);
      const statements = countStatements(tx);
      await replaceAccounts(tx, c, [account('80-1', 'Bank'), account('80-3', 'New')]);
      expect(statements.sent, 'nothing sent while held').to.have.length(0);
      expect((await accountsOf(tx, c)).map((a) => a.list_id)).to.deep.equal(['80-1', '80-3']);
      expect(statements.sent, 'the chart, then the read').to.have.length(2);
      await replaceAccounts(tx, c, [account('80-4', 'Later')]);
      await flushHeldWrites(tx);
      statements.stop();
      expect(statements.sent).to.have.length(3);
    });
    expect((await accountsOf(em(), c)).map((a) => a.list_id)).to.deep.equal(['80-4']);
  });

  it('writes an account again only when its EditSequence moved', async () => {
    const c = await connectionId();
    await replaceAccounts(em(), c, [account('80-1', 'Checking', '1'), account('80-2', 'Payroll', '1')]);
    // The same EditSequence with other words cannot come from QuickBooks: it shows the row was not rewritten.
    await replaceAccounts(em(), c, [account('80-1', 'Renamed but same version', '1'), account('80-2', 'Payroll Account', '2', { is_active: false })]);
    expect((await accountsOf(em(), c)).map((a) => [a.list_id, a.full_name, a.is_active])).to.deep.equal([
      ['80-1', 'Checking', true],
      ['80-2', 'Payroll Account', false],
    ]);
  });

  it('empties the chart when QuickBooks answers no accounts', async () => {
    const c = await connectionId();
    await replaceAccounts(em(), c, [account('80-1', 'Bank')]);
    await replaceAccounts(em(), c, []);
    expect(await accountsOf(em(), c)).to.deep.equal([]);
  });

  it('takes a chart larger than one statement carries the long way, whole', async () => {
    const c = await connectionId();
    await replaceAccounts(em(), c, [account('old', 'Old')]);
    const large = Array.from({ length: 2_001 }, (_, i) => account(`80-${i}`, `Account ${String(i).padStart(4, '0')}`));
    await replaceAccounts(em(), c, large);
    const stored = await accountsOf(em(), c);
    expect(stored).to.have.length(2_001);
    expect(stored[2_000]).to.deep.equal(cached(large[2_000]));
    expect(stored.some((a) => a.list_id === 'old')).to.equal(false);
  });

  it("leaves another connection's chart alone, even for the same ListIDs", async () => {
    const [c, other] = [await connectionId(), await connectionId()];
    await replaceAccounts(em(), other, [account('80-1', 'Their Bank'), account('80-2', 'Their Savings')]);
    await replaceAccounts(em(), c, [account('80-1', 'My Bank')]);
    expect((await accountsOf(em(), other)).map((a) => a.full_name)).to.deep.equal(['Their Bank', 'Their Savings']);
    expect((await accountsOf(em(), c)).map((a) => a.full_name)).to.deep.equal(['My Bank']);
  });

  it('reads an empty chart for a connection QuickBooks never answered for', async () => {
    expect(await accountsOf(em(), await connectionId())).to.deep.equal([]);
  });
});
