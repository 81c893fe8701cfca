import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { QBD_MIGRATIONS } from '../../../adapters/qbd/store/qbd-migrations';
import { openDatabase } from '../../../core/store/open-database';
import { FreshDatabase, freshDatabaseUrl } from '../../support/fresh-database-url';
import { upgradeDataDir } from '../../support/pristine-cluster';

describe("Migration 0025-qbd-company-settings on a database that kept QuickBooks' settings on the connection", function () {
  this.timeout(60_000);
  let fresh: FreshDatabase;
  let dataDir: string;

  beforeEach(async () => {
    fresh = await freshDatabaseUrl();
    dataDir = await upgradeDataDir('qbdalt-upgrade-', fresh.url);
  });
  afterEach(async () => {
    await fresh.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const columnsOf = async (db: Awaited<ReturnType<typeof openDatabase>>, table: string) =>
    (
      (await db.orm.em
        .fork()
        .getConnection()
        .execute(`select column_name from information_schema.columns where table_schema = current_schema() and table_name = '${table}'`)) as {
        column_name: string;
      }[]
    ).map((r) => r.column_name);

  it('moves the company file path and the accounts into qbd_company and drops them from the connection', async () => {
    // The release before: core's first migrations put these columns on `connection`. No core
    // migration of today creates them, so the old shape is written as that release had it.
    const before = await openDatabase({ url: fresh.url, dataDir, migrations: QBD_MIGRATIONS.filter((m) => m.name < '0025') });
    const db = before.orm.em.fork().getConnection();
    const [partnerId, connectionId] = [randomUUID(), randomUUID()];
    await db.execute(`alter table connection add column company_file_path text not null default '',
      add column payment_account_id text, add column deposit_account_id text`);
    await db.execute(`insert into partner (id, name, api_key_hash) values ('${partnerId}', 'Upgraded', '${'0'.repeat(64)}')`);
    await db.execute(`insert into connection (id, partner_id, system, company_name, status, company_file_path, payment_account_id, deposit_account_id)
      values ('${connectionId}', '${partnerId}', 'qbd', 'Old Books', 'connected', 'C:\\Books\\old.qbw', '80000001-1', '80000002-1')`);
    await db.execute(`insert into qbd_company (connection_id, file_id) values ('${connectionId}', '{6F1E1B9A-0000-4000-8000-000000000002}')`);
    await before.close();

    const after = await openDatabase({ url: fresh.url, dataDir, migrations: QBD_MIGRATIONS });
    try {
      expect(after.appliedNow).to.include('0025-qbd-company-settings');
      const rows = await after.orm.em
        .fork()
        .getConnection()
        .execute(`select company_file_path, payment_account_id, deposit_account_id from qbd_company where connection_id = '${connectionId}'`);
      expect(rows).to.deep.equal([{ company_file_path: 'C:\\Books\\old.qbw', payment_account_id: '80000001-1', deposit_account_id: '80000002-1' }]);
      expect(await columnsOf(after, 'connection')).to.not.include.members(['company_file_path', 'payment_account_id', 'deposit_account_id']);
    } finally {
      await after.close();
    }
  });

  it('leaves a database made today with the settings on qbd_company only', async () => {
    const today = await openDatabase({ url: fresh.url, dataDir, migrations: QBD_MIGRATIONS });
    try {
      expect(await columnsOf(today, 'qbd_company')).to.include.members(['company_file_path', 'payment_account_id', 'deposit_account_id']);
      expect(await columnsOf(today, 'connection')).to.not.include('company_file_path');
    } finally {
      await today.close();
    }
  });
});
