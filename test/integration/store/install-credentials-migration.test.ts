import { expect } from 'chai';
import { createHash, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { QBD_MIGRATIONS } from '../../../adapters/qbd/store/qbd-migrations';
import { startService } from '../../../core/runtime/service';
import { openDatabase } from '../../../core/store/open-database';
import { readQwc } from '../../simulators/qbwc/qwc-reader';
import { FreshDatabase, freshDatabaseUrl } from '../../support/fresh-database-url';
import { upgradeDataDir } from '../../support/pristine-cluster';

describe('Migration 0017-install-credentials on a database with QWC links already sent', function () {
  this.timeout(60_000);
  let fresh: FreshDatabase;
  let dataDir: string;

  before(async () => {
    fresh = await freshDatabaseUrl();
    dataDir = await upgradeDataDir('qbdalt-upgrade-', fresh.url);
  });
  after(async () => {
    await fresh.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('hashes the stored tokens in SQL, and the links partners already hold keep working', async () => {
    // The release before: installs kept their link token as it is. No code of today writes that
    // shape any more, so the old rows are written as that release wrote them.
    const before = await openDatabase({ url: fresh.url, dataDir, migrations: QBD_MIGRATIONS.filter((m) => m.name < '0017') });
    const token = 'c0ffee'.repeat(8);
    const [partnerId, connectionId] = [randomUUID(), randomUUID()];
    const db = before.orm.em.fork().getConnection();
    await db.execute(`insert into partner (id, name, api_key_hash) values ('${partnerId}', 'Upgraded', '${'0'.repeat(64)}')`);
    await db.execute(
      `insert into connection (id, partner_id, system, company_name, status) values ('${connectionId}', '${partnerId}', 'qbd', 'Old Books', 'connected')`,
    );
    await db.execute(`insert into qbd_company (connection_id, file_id) values ('${connectionId}', '{6F1E1B9A-0000-4000-8000-000000000001}')`);
    await db.execute(
      `insert into qbwc_install (id, connection_id, username, password_hash, qwc_token) values ('${randomUUID()}', '${connectionId}', 'alt-0123456789ab', 'scrypt$x', '${token}')`,
    );
    await before.close();

    const logs: Record<string, unknown>[] = [];
    const service = await startService({
      env: { PORT: '0', DATA_DIR: dataDir, DATABASE_URL: fresh.url, LOG_LEVEL: 'info' },
      logSink: (l) => logs.push(JSON.parse(l)),
    });
    try {
      expect(logs.find((l) => l.msg === 'database ready')!.migrationsApplied).to.include('0017-install-credentials');
      const res = await fetch(`${service.url}/qwc/${token}`);
      expect(res.status).to.equal(200);
      expect(readQwc(await res.text()).fields.UserName).to.equal('alt-0123456789ab');
      const rows = (await service.database.orm.em.fork().getConnection().execute('select * from qbwc_install')) as { qwc_token_hash: string }[];
      expect(rows.map((r) => r.qwc_token_hash)).to.deep.equal([createHash('sha256').update(token).digest('hex')]);
      expect(JSON.stringify(rows)).not.to.include(token);
    } finally {
      await service.stop();
    }
  });
});
