import { expect } from 'chai';
import { rmSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Database, openDatabase } from '../../../core/store/open-database';
import { sendSql } from '../../../core/store/send-sql';
import { FreshDatabase, freshDatabaseUrl } from '../../support/fresh-database-url';
import { scratchDir } from '../../support/scratch-dir';

describe('sendSql (a statement sent again is parsed once per connection; on DATABASE_URL when set, else embedded)', function () {
  this.timeout(60_000);
  let fresh: FreshDatabase;
  let dataDir: string;
  let database: Database;
  const em = () => database.orm.em.fork() as EntityManager;

  before(async () => {
    fresh = await freshDatabaseUrl();
    dataDir = scratchDir('qbdalt-send-sql-');
    database = await openDatabase({ url: fresh.url, dataDir });
    await sendSql(em(), 'create table shelf (id int primary key, label text not null)');
  });
  after(async () => {
    await database.close();
    await fresh.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The statements this transaction's connection keeps, by text. */
  const kept = (tx: EntityManager) =>
    sendSql<{ statement: string }[]>(tx, 'select statement from pg_prepared_statements where not from_sql order by statement');

  it('keeps a statement on its connection from its second use, with the same answers', async () => {
    const insert = 'insert into shelf (id, label) values (?, ?) returning label';
    await em().transactional(async (tx) => {
      expect(await sendSql(tx, insert, [1, 'one'])).to.deep.equal([{ label: 'one' }]);
      expect(await sendSql(tx, insert, [2, 'two'])).to.deep.equal([{ label: 'two' }]);
      expect(await sendSql(tx, insert, [3, null]).catch((error: Error) => error.message)).to.match(/null value/);
    });
    await em().transactional(async (tx) => {
      expect(await sendSql(tx, insert, [3, 'three'])).to.deep.equal([{ label: 'three' }]);
      expect((await kept(tx)).map((row) => row.statement)).to.include('insert into shelf (id, label) values ($1, $2) returning label');
    });
    expect(await sendSql(em(), 'select label from shelf order by id')).to.deep.equal([{ label: 'three' }]);
  });

  it('keeps no statement whose result is every column, so a column added later is seen', async () => {
    const all = 'select * from shelf where id >= ? order by id';
    await em()
      .transactional(async (tx) => {
        await sendSql(tx, 'insert into shelf (id, label) values (?, ?)', [10, 'ten']);
        for (const id of [11, 12]) await sendSql(tx, 'insert into shelf (id, label) select * from unnest(?::int[], ?::text[])', [`{${id}}`, `{n${id}}`]);
        await sendSql(tx, all, [10]);
        await sendSql(tx, all, [10]);
        await sendSql(tx, 'alter table shelf add column note text');
        expect(await sendSql(tx, all, [10])).to.deep.equal([
          { id: 10, label: 'ten', note: null },
          { id: 11, label: 'n11', note: null },
          { id: 12, label: 'n12', note: null },
        ]);
        const texts = (await kept(tx)).map((row) => row.statement);
        expect(texts).to.not.include('select * from shelf where id >= $1 order by id');
        expect(texts, 'a write without RETURNING is kept').to.include('insert into shelf (id, label) select * from unnest($1::int[], $2::text[])');
        throw new Error('undo');
      })
      .catch((error: Error) => expect(error.message).to.equal('undo'));
  });
});
