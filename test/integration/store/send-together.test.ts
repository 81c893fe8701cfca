import { expect } from 'chai';
import { insertStatements } from '../../../core/store/insert-rows';
import { sendTogether } from '../../../core/store/send-together';
import type { EntityManager } from '@mikro-orm/postgresql';
import { useTestService } from '../../support/use-test-service';

describe('sendTogether (several writes, one statement)', function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork() as unknown as EntityManager;
  const count = async (e: EntityManager, table: string) => (await e.execute<{ n: number }[]>(`select count(*)::int as n from ${table}`))[0].n;

  /** Temporary tables live on one connection of the pool: each test runs in one transaction. */
  async function withTables(run: (e: EntityManager) => Promise<void>): Promise<void> {
    await em().transactional(async (tx) => {
      const e = tx as EntityManager;
      await e.execute('create temporary table ledger (id int primary key, label text) on commit drop');
      await e.execute('create temporary table tally (name text primary key, n int not null) on commit drop');
      await e.execute(`insert into tally values ('calls', 0)`);
      await run(e);
    });
  }

  it('carries out inserts, an upsert and an update of other tables, with their parameters in order', async () => {
    await withTables(async (e) => {
      await sendTogether(e, [
        ...insertStatements(
          'ledger',
          ['id', 'label'],
          [
            [1, 'one'],
            [2, 'two'],
          ],
        ),
        { sql: `insert into tally (name, n) values (?, ?) on conflict (name) do update set n = excluded.n`, params: ['pages', 3] },
        { sql: 'update tally set n = n + ? where name = ?', params: [5, 'calls'] },
      ]);
      expect(await e.execute('select id, label from ledger order by id')).to.deep.equal([
        { id: 1, label: 'one' },
        { id: 2, label: 'two' },
      ]);
      expect(await e.execute('select name, n from tally order by name')).to.deep.equal([
        { name: 'calls', n: 5 },
        { name: 'pages', n: 3 },
      ]);
    });
  });

  it('answers the rows the last statement returns, when that one begins with a WITH of its own', async () => {
    await withTables(async (e) => {
      const rows = await sendTogether<{ n: number; was: number }[]>(e, [
        { sql: 'insert into ledger (id, label) values (?, ?)', params: [3, 'three'] },
        {
          sql: 'with before as (select name, n as old from tally where name = ? for update) update tally set n = old + ? from before where tally.name = before.name returning tally.n, before.old as was',
          params: ['calls', 2],
        },
      ]);
      expect(rows).to.deep.equal([{ n: 2, was: 0 }]);
      expect(await count(e, 'ledger')).to.equal(1);
    });
  });

  it('splits writes whose parameters together pass the limit (65,535 a statement) into several statements', async () => {
    await withTables(async (e) => {
      // Three inserts of 20,000 parameters each: 60,000 in one statement would still pass; 80,000 would not.
      const rows = (from: number) => Array.from({ length: 10_000 }, (_, i) => [from + i, `row ${from + i}`]);
      await sendTogether(
        e,
        [0, 10_000, 20_000, 30_000].flatMap((from) => insertStatements('ledger', ['id', 'label'], rows(from))),
      );
      expect(await count(e, 'ledger')).to.equal(40_000);
    });
  });

  it('is one statement: outside a transaction, a part that fails leaves every other part undone', async () => {
    // Tables of this test's own (not temporary): each statement here runs on whichever connection is free.
    await em().execute('create table together_ledger (id int primary key, label text)');
    await em().execute(`create table together_tally (name text primary key, n int not null); insert into together_tally values ('calls', 0)`);
    await em().execute(`insert into together_ledger values (7, 'seven')`);
    const failed = await sendTogether(em(), [
      { sql: 'update together_tally set n = ? where name = ?', params: [9, 'calls'] },
      { sql: 'insert into together_ledger (id, label) values (?, ?)', params: [7, 'again'] },
    ]).then(
      () => null,
      (error: Error) => error,
    );
    expect(failed?.message).to.match(/duplicate key/);
    expect(await em().execute(`select n from together_tally where name = 'calls'`)).to.deep.equal([{ n: 0 }]);
  });

  it('sends nothing for no writes', async () => {
    await withTables(async (e) => {
      await sendTogether(e, []);
      expect(await count(e, 'ledger')).to.equal(0);
    });
  });
});
