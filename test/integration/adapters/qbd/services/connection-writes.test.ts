import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { ConnectionWrites } from '../../../../../adapters/qbd/services/connection-writes';
import { qbdSettings } from '../../../../../adapters/qbd/store/qbd-settings';
import { Connection } from '../../../../../core/store/entities/connection';
import { Partner } from '../../../../../core/store/entities/partner';
import { PartnerApi } from '../../../../support/partner-api';
import { GOOD_DEFAULTS, writeConfigDir } from '../../../../support/test-config-dir';
import { useTestService } from '../../../../support/use-test-service';

const EVERY_20 = '6a2c4e8f-1b3d-4f5a-9c7e-2d4f6a8c0e1b';

describe('ConnectionWrites (connect, settings, sync now, pause), from the container, on a real database', function () {
  this.timeout(30_000);
  const configDir = writeConfigDir({ 'defaults.json': GOOD_DEFAULTS, 'partners/every-20.json': { partnerId: EVERY_20, sync: { intervalMinutes: 20 } } });
  const service = useTestService({ LOG_LEVEL: 'warn', CONFIG_DIR: configDir });
  const em = () => service.current.service.database.orm.em.fork();
  const writes = () => service.current.service.container.get(ConnectionWrites);
  const now = new Date('2026-11-25T15:00:00Z');

  const connect = async (partnerId: string = randomUUID()) => {
    await PartnerApi.createPartner(service.current.url, 'Writes', partnerId);
    const e = em();
    const partner = await e.findOneOrFail(Partner, { id: partnerId });
    const made = await writes().create(e, partner, { companyName: 'Writes Books', companyFilePath: 'C:\\Books\\w.qbw' }, now);
    return { e, ...made };
  };

  it("connects a company with its partner's interval, its company file and a first install", async () => {
    const { e, connection, install } = await connect(EVERY_20);
    const stored = await em().findOneOrFail(Connection, { id: connection.id });
    expect(stored).to.deep.include({ status: 'pending', syncIntervalMinutes: 20, companyName: 'Writes Books' });
    expect((await qbdSettings(e, connection.id)).companyFilePath).to.equal('C:\\Books\\w.qbw');
    expect(install.username).to.match(/^alt-/);
    expect(install.password.length).to.be.greaterThan(15);
  });

  it('keeps the accounts and the interval of a settings change together, and stamps sync now', async () => {
    const { e, connection } = await connect();
    await writes().updateSettings(e, connection, { accounts: { paymentAccountId: '80000001-1' }, syncIntervalMinutes: 30 }, now);
    expect((await em().findOneOrFail(Connection, { id: connection.id })).syncIntervalMinutes).to.equal(30);
    expect((await qbdSettings(em(), connection.id)).paymentAccountId).to.equal('80000001-1');
    await writes().requestFullSync(e, connection, now);
    expect((await em().findOneOrFail(Connection, { id: connection.id })).fullSyncRequestedAt?.getTime()).to.equal(now.getTime());
  });

  it('pauses, and resumes to pending when the connection never synced', async () => {
    const { e, connection } = await connect();
    await writes().setPaused(e, connection, true, now);
    expect((await em().findOneOrFail(Connection, { id: connection.id })).status).to.equal('paused');
    await writes().setPaused(e, connection, false, now);
    expect((await em().findOneOrFail(Connection, { id: connection.id })).status).to.equal('pending');
  });
});
