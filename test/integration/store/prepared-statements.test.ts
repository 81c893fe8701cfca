import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { Database, openDatabase } from '../../../core/store/open-database';
import { sendSql } from '../../../core/store/send-sql';
import { FreshDatabase, freshDatabaseUrl } from '../../support/fresh-database-url';
import { scratchDir } from '../../support/scratch-dir';

/** The statements the connection running this has prepared, by their text. */
async function preparedOnThisConnection(em: EntityManager): Promise<{ name: string; statement: string }[]> {
  return sendSql(em, "select name, statement from pg_prepared_statements where statement not like '%pg_prepared_statements%' order by name");
}

describe('Statements as named prepared statements (sendSql)', function () {
  this.timeout(60_000);
  let fresh: FreshDatabase;
  let dataDir: string;
  let database: Database;
  const em = () => database.orm.em.fork() as unknown as EntityManager;

  beforeEach(async () => {
    fresh = await freshDatabaseUrl();
    dataDir = scratchDir('qbdalt-prepared-');
    database = await openDatabase({ url: fresh.url, dataDir });
  });
  afterEach(async () => {
    await database.close();
    await fresh.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prepares a statement once on its connection and runs it again by name, on a PostgreSQL server; never on the embedded one', async () => {
    await em().transactional(async (tx) => {
      const e = tx as EntityManager;
      for (let i = 0; i < 7; i++) expect(await sendSql(e, 'select ?::int + 1 as n', [i])).to.deep.equal([{ n: i + 1 }]);
      const prepared = await preparedOnThisConnection(e);
      // The embedded database serves several clients on one session, where names would collide.
      if (database.mode === 'embedded') expect(prepared).to.deep.equal([]);
      else expect(prepared.map((p) => p.statement)).to.deep.equal(['select $1::int + 1 as n']);
    });
  });

  it('sends a text that grows with a list unnamed: each length would be a statement kept for ever', async function () {
    if (database.mode === 'embedded') this.skip();
    await em().transactional(async (tx) => {
      const e = tx as EntityManager;
      await sendSql(e, 'select x from (values (?::int), (?::int)) as v (x)', [1, 2]);
      await sendSql(e, 'select 1 as n where 1 in (?, ?, ?)', [1, 2, 3]);
      await sendSql(e, 'select x from (values (?::int)) as v (x)', [1]);
      expect((await preparedOnThisConnection(e)).map((p) => p.statement)).to.deep.equal(['select x from (values ($1::int)) as v (x)']);
    });
  });

  it('heals when a newer version adds a column to a table read with *: once outside a transaction, at the next one inside', async function () {
    if (database.mode === 'embedded') this.skip();
    await sendSql(em(), 'create table ledger (a int)');
    await sendSql(em(), 'insert into ledger values (1)');
    // One call after another: the pool lends the same connection each time.
    expect(await sendSql(em(), 'select * from ledger where a = ?', [1])).to.deep.equal([{ a: 1 }]);
    await sendSql(em(), 'alter table ledger add column b text');
    expect(await sendSql(em(), 'select * from ledger where a = ?', [1])).to.deep.equal([{ a: 1, b: null }]);
    expect((await preparedOnThisConnection(em())).filter((p) => p.statement.includes('ledger')).map((p) => p.name.slice(0, 3))).to.include('s1_');

    await em().transactional(async (tx) => expect(await sendSql(tx as EntityManager, 'select * from ledger where a = ?', [1])).to.have.length(1));
    await sendSql(em(), 'alter table ledger add column c text');
    const failed = await em()
      .transactional(async (tx) => sendSql(tx as EntityManager, 'select * from ledger where a = ?', [1]))
      .catch((error: Error) => error);
    expect(String(failed)).to.match(/cached plan must not change result type/);
    const again = await em().transactional(async (tx) => sendSql(tx as EntityManager, 'select * from ledger where a = ?', [1]));
    expect(again).to.deep.equal([{ a: 1, b: null, c: null }]);
  });
});
