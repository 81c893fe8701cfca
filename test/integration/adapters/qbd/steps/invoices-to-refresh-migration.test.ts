import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { invoicesToRefresh } from '../../../../../adapters/qbd/store/invoices-to-refresh';
import { QBD_MIGRATIONS } from '../../../../../adapters/qbd/store/qbd-migrations';
import { openDatabase } from '../../../../../core/store/open-database';
import { sendSql } from '../../../../../core/store/send-sql';
import { FreshDatabase, freshDatabaseUrl } from '../../../../support/fresh-database-url';
import { upgradeDataDir } from '../../../../support/pristine-cluster';

describe('Migration 0027-qbd-invoices-to-refresh on a database holding the set as a bookmark', function () {
  this.timeout(60_000);
  let fresh: FreshDatabase;
  let dataDir: string;

  before(async () => {
    fresh = await freshDatabaseUrl();
    dataDir = await upgradeDataDir('qbdalt-refresh-', fresh.url);
  });
  after(async () => {
    await fresh.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('moves each id of the JSON set into the table and drops that bookmark, leaving the others', async () => {
    // The release before kept the set as a sync_cursor row; no code of today writes that shape.
    const before = await openDatabase({ url: fresh.url, dataDir, migrations: QBD_MIGRATIONS.filter((m) => m.name < '0027') });
    const [partnerId, connectionId] = [randomUUID(), randomUUID()];
    const db = before.orm.em.fork();
    await sendSql(db, `insert into partner (id, name, api_key_hash) values (?, 'Upgraded', ?)`, [partnerId, '0'.repeat(64)]);
    await sendSql(db, `insert into connection (id, partner_id, system, company_name, status) values (?, ?, 'qbd', 'Old Books', 'connected')`, [
      connectionId,
      partnerId,
    ]);
    const at = new Date('2026-11-25T15:00:00Z');
    await sendSql(
      db,
      `insert into sync_cursor (connection_id, stream, value, updated_at) values (?, 'qbd:invoices-to-refresh', ?, ?), (?, 'qbd:customers', ?, ?)`,
      [connectionId, JSON.stringify(['T-2', 'T-1', 'T-2']), at, connectionId, '2026-11-25T09:00:00-06:00', at],
    );
    await before.close();

    const after = await openDatabase({ url: fresh.url, dataDir, migrations: QBD_MIGRATIONS });
    try {
      const em = after.orm.em.fork();
      expect(await invoicesToRefresh(em, connectionId)).to.deep.equal(['T-1', 'T-2']);
      const streams = await sendSql<{ stream: string }[]>(em, 'select stream from sync_cursor where connection_id = ?', [connectionId]);
      expect(streams.map((s) => s.stream)).to.deep.equal(['qbd:customers']);
    } finally {
      await after.close();
    }
  });
});
