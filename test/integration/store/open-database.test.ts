import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { ALTERNATIVE_MIGRATIONS } from '../../../adapters/alternative/store/alternative-migrations';
import { QBD_MIGRATIONS } from '../../../adapters/qbd/store/qbd-migrations';
import { QBO_MIGRATIONS } from '../../../adapters/qbo/store/qbo-migrations';
import { Connection } from '../../../core/store/entities/connection';
import { MIGRATIONS } from '../../../core/store/migrations/migration-list';
import { Partner } from '../../../core/store/entities/partner';
import { Database, openDatabase } from '../../../core/store/open-database';
import { FreshDatabase, freshDatabaseUrl } from '../../support/fresh-database-url';
import { FreshServiceData, freshServiceData } from '../../support/migrated-database-template';
import { scratchDir } from '../../support/scratch-dir';

describe('openDatabase (on DATABASE_URL when set, else embedded)', () => {
  let fresh: FreshDatabase;
  let dataDir: string;
  const open = () => openDatabase({ url: fresh.url, dataDir });
  let earlier: FreshServiceData | undefined;
  /**
   * The database of a service that has started before (a copy of one with every migration
   * applied), for the tests of anything but a first start: a new embedded database costs
   * seconds of WebAssembly (initdb and the migrations), which only the first-start tests need.
   */
  const openStartedBefore = async (migrations?: Parameters<typeof openDatabase>[0]['migrations']) => {
    earlier ??= await freshServiceData('qbdalt-db-');
    return openDatabase({ url: earlier.databaseUrl, dataDir: earlier.dataDir, migrations });
  };

  beforeEach(async () => {
    fresh = await freshDatabaseUrl();
    dataDir = scratchDir('qbdalt-db-');
  });
  afterEach(async () => {
    await fresh.drop();
    rmSync(dataDir, { recursive: true, force: true });
    await earlier?.remove();
    earlier = undefined;
  });

  it('applies the migrations on a new database, and none the second time', async () => {
    const first = await open();
    await first.close();
    expect(first.appliedNow).to.deep.equal(MIGRATIONS.map((m) => m.name));
    expect(first.mode).to.equal(fresh.url ? 'external' : 'embedded');
    const second = await open();
    await second.close();
    expect(second.appliedNow).to.deep.equal([]);
  });

  it("applies a plugin's migrations after the core's, sorted by name", async () => {
    const db = await openDatabase({ url: fresh.url, dataDir, migrations: QBD_MIGRATIONS });
    try {
      expect(db.appliedNow).to.deep.equal([...MIGRATIONS, ...QBD_MIGRATIONS].map((m) => m.name).sort());
      expect(db.appliedNow.slice(0, 3)).to.deep.equal(['0001-partners-and-connections', '0002-connection-settings', '0003-qbwc-transport']);
      await db.orm.em.fork().getConnection().execute('select step_state from qbwc_session limit 0');
    } finally {
      await db.close();
    }
  });

  // Two indexes of one definition cost every write twice and help no read (0017 and 0018 both
  // made the open-session index; 0033 drops one).
  it("leaves no table with two indexes of the same definition, every plugin's migrations applied", async () => {
    const db = await openStartedBefore([...QBD_MIGRATIONS, ...ALTERNATIVE_MIGRATIONS, ...QBO_MIGRATIONS]);
    try {
      const twins = await db.orm.em.getConnection().execute<{ table_name: string; indexes: string }[]>(
        `select t.relname as table_name, string_agg(i.relname, ', ' order by i.relname) as indexes
           from pg_index x
           join pg_class t on t.oid = x.indrelid
           join pg_class i on i.oid = x.indexrelid
           join pg_namespace n on n.oid = t.relnamespace
          where n.nspname = 'public'
          group by t.relname, x.indkey::text, x.indclass::text, x.indisunique,
                   pg_get_expr(x.indexprs, x.indrelid), pg_get_expr(x.indpred, x.indrelid)
         having count(*) > 1`,
      );
      expect(twins).to.deep.equal([]);
    } finally {
      await db.close();
    }
  });

  it('keeps what was written across a close and a reopen', async () => {
    let db: Database = await openStartedBefore();
    const em = db.orm.em.fork();
    const partner = em.create(Partner, { id: randomUUID(), name: 'Acme', apiKeyHash: 'h1', createdAt: new Date() });
    em.create(Connection, {
      id: randomUUID(),
      partner,
      system: 'qbd',
      companyName: 'Acme Books',
      syncIntervalMinutes: 17,
      status: 'pending',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await em.flush();
    await db.close();

    db = await openStartedBefore();
    const found = await db.orm.em.fork().findOneOrFail(Connection, { companyName: 'Acme Books' }, { populate: ['partner'] });
    expect(found.partner.name).to.equal('Acme');
    expect(found.syncIntervalMinutes).to.equal(17);
    await db.close();
  });

  it("enforces the schema's own checks (a connection status outside the list)", async () => {
    const db = await openStartedBefore();
    try {
      const conn = db.orm.em.getConnection();
      await conn.execute(`insert into partner (id, name, api_key_hash) values ('${randomUUID()}', 'P', 'h2')`);
      let refused = false;
      try {
        await conn.execute(
          `insert into connection (id, partner_id, system, company_name, status) select '${randomUUID()}', id, 'qbd', 'X', 'sleeping' from partner`,
        );
      } catch {
        refused = true;
      }
      expect(refused).to.equal(true);
    } finally {
      await db.close();
    }
  });

  it('refuses a second embedded database on the same data folder while the first runs', async function () {
    if (fresh.url) this.skip(); // only the embedded database has a data folder
    const first = await openStartedBefore();
    try {
      let message = '';
      await openStartedBefore().catch((error: Error) => (message = error.message));
      expect(message).to.match(/already runs a database on the data folder/);
    } finally {
      await first.close();
    }
  });
});
