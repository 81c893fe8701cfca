import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { NO_QBD_SETTINGS, qbdSettings, qbdSettingsOf, updateQbdAccounts } from '../../../../../adapters/qbd/store/qbd-settings';
import { PartnerApi } from '../../../../support/partner-api';
import { useTestService } from '../../../../support/use-test-service';
import { countStatements } from '../../../store/count-statements';

describe("A connection's QuickBooks Desktop settings (qbd-settings)", function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork() as EntityManager;

  async function connectionId(companyFilePath?: string): Promise<string> {
    const api = await PartnerApi.createPartner(service.current.url, 'Settings');
    return (await api.call('POST', '/api/connections', { companyName: 'Settings Books', companyFilePath })).body.id as string;
  }

  it('reads a new connection as its company file and no accounts chosen yet', async () => {
    const c = await connectionId(' C:\\Books\\Acme.QBW ');
    expect(await qbdSettings(em(), c)).to.deep.equal({ companyFilePath: 'C:\\Books\\Acme.QBW', paymentAccountId: null, depositAccountId: null });
  });

  it('reads an unknown connection as no settings: whatever company is open, no accounts', async () => {
    expect(await qbdSettings(em(), randomUUID())).to.equal(NO_QBD_SETTINGS);
    expect(NO_QBD_SETTINGS).to.deep.equal({ companyFilePath: '', paymentAccountId: null, depositAccountId: null });
    expect(Object.isFrozen(NO_QBD_SETTINGS)).to.equal(true);
  });

  it('reads the settings of several connections in one statement, leaving out those it does not know', async () => {
    const [a, b] = [await connectionId('a.QBW'), await connectionId('b.QBW')];
    await updateQbdAccounts(em(), b, { paymentAccountId: '80-UF' });
    const reader = em();
    const statements = countStatements(reader);
    const settings = await qbdSettingsOf(reader, [a, b, randomUUID()]);
    expect(await qbdSettingsOf(reader, [])).to.deep.equal(new Map());
    statements.stop();
    expect(statements.sent, 'one for the list, none for an empty one').to.have.length(1);
    expect(settings).to.deep.equal(
      new Map([
        [a, { companyFilePath: 'a.QBW', paymentAccountId: null, depositAccountId: null }],
        [b, { companyFilePath: 'b.QBW', paymentAccountId: '80-UF', depositAccountId: null }],
      ]),
    );
  });

  it('changes only the accounts it is given', async () => {
    const c = await connectionId('c.QBW');
    await updateQbdAccounts(em(), c, { paymentAccountId: '80-UF', depositAccountId: '80-BANK' });
    await updateQbdAccounts(em(), c, { depositAccountId: '80-SAVINGS' });
    expect(await qbdSettings(em(), c)).to.deep.equal({ companyFilePath: 'c.QBW', paymentAccountId: '80-UF', depositAccountId: '80-SAVINGS' });
    await updateQbdAccounts(em(), c, { paymentAccountId: '80-CHECKING' });
    expect(await qbdSettings(em(), c)).to.deep.equal({ companyFilePath: 'c.QBW', paymentAccountId: '80-CHECKING', depositAccountId: '80-SAVINGS' });
  });

  it('sends nothing when no account is given', async () => {
    const c = await connectionId();
    await updateQbdAccounts(em(), c, { paymentAccountId: '80-UF' });
    const writer = em();
    const statements = countStatements(writer);
    await updateQbdAccounts(writer, c, {});
    statements.stop();
    expect(statements.sent).to.deep.equal([]);
    expect((await qbdSettings(em(), c)).paymentAccountId).to.equal('80-UF');
  });

  it("changes the given connection's accounts only", async () => {
    const [c, other] = [await connectionId(), await connectionId()];
    await updateQbdAccounts(em(), c, { paymentAccountId: '80-UF', depositAccountId: '80-BANK' });
    expect(await qbdSettings(em(), other)).to.deep.equal({ companyFilePath: '', paymentAccountId: null, depositAccountId: null });
  });
});
