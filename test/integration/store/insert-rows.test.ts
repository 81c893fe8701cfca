import { expect } from 'chai';
import { ANY_OF_LIST, arrayLiteral, eachOfList, insertColumns, insertRows } from '../../../core/store/insert-rows';
import { useTestService } from '../../support/use-test-service';

describe('insertRows, insertColumns, ANY_OF_LIST and eachOfList (one parameter for a whole page)', function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork();

  it('carries any text through the array literal unchanged: quotes, backslashes, commas, braces, NULL-looking words', async () => {
    const values = ['plain', 'with "quotes"', 'back\\slash', 'a,b', '{braces}', 'NULL', '', ' spaced ', "it's"];
    const rows = await em().execute<{ v: string }[]>('select unnest(?::text[]) as v', [arrayLiteral(values)]);
    expect(rows.map((r) => r.v)).to.deep.equal(values);
  });

  it('inserts many rows in statements under the parameter limit, and selects them back by list', async () => {
    // One transaction: a temporary table lives on one connection of the pool.
    await em().transactional(async (e) => {
      await e.execute('create temporary table bulk (id int primary key, label text) on commit drop');
      const rows = Array.from({ length: 40_000 }, (_, i) => [i, `row ${i}`]);
      await insertRows(e, 'bulk', ['id', 'label'], rows);
      expect((await e.execute<{ n: number }[]>('select count(*)::int as n from bulk'))[0].n).to.equal(40_000);
      const found = await e.execute<{ id: number }[]>(`select id from bulk where label ${ANY_OF_LIST} order by id`, [
        arrayLiteral(['row 7', 'row 39999', 'row -1']),
      ]);
      expect(found.map((r) => r.id)).to.deep.equal([7, 39_999]);
    });
  });

  it('inserts by columns: any text, numbers, exact money, dates, instants and nulls arrive as they were', async () => {
    await em().transactional(async (e) => {
      await e.execute('create temporary table typed (id uuid, n int, label text, amount numeric(15, 2), day date, at timestamptz, extra jsonb) on commit drop');
      const at = new Date('2026-12-03T07:15:00.123Z');
      const rows = [
        ['5e4d1c3b-2a19-4f08-9e7d-6c5b4a392817', 1, 'with "quotes", back\\slash, {braces}', '12345678901.99', '2026-02-28', at, { a: 1 }],
        ['0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', 2, 'NULL', '-0.01', '2026-12-31', at, null],
        ['1a2b3c4d-5e6f-4708-9123-456789abcdef', 3, null, '0.00', null, null, null],
      ];
      await insertColumns(
        e,
        'typed',
        [
          ['id', 'uuid'],
          ['n', 'int'],
          ['label', 'text'],
          ['amount', 'numeric'],
          ['day', 'date'],
          ['at', 'timestamptz'],
          ['extra', 'jsonb'],
        ],
        rows,
      );
      const back = await e.execute<{ id: string; n: number; label: string | null; amount: string; day: string | null; at: string | null; extra: unknown }[]>(
        `select id, n, label, amount::text, to_char(day, 'YYYY-MM-DD') as day, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, extra
           from typed order by n`,
      );
      expect(back.map((r) => [r.id, r.n, r.label, r.amount, r.day, r.at, r.extra])).to.deep.equal(
        rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[5] === null ? null : at.toISOString(), r[6]]),
      );
      await insertColumns(e, 'typed', [['id', 'uuid']], []);
      expect((await e.execute<{ n: number }[]>('select count(*)::int as n from typed'))[0].n, 'no rows, no insert').to.equal(3);
    });
  });

  it('finds each of a list by its own index probe, even where the planner thinks the leading columns hold one row', async () => {
    await em().transactional(async (e) => {
      // No statistics: the planner guesses that one owner has a handful of rows, as it does for a connection it has not seen.
      await e.execute('create temporary table owned (owner uuid, key text, label text, unique (owner, key)) on commit drop');
      const owner = '5e4d1c3b-2a19-4f08-9e7d-6c5b4a392817';
      await insertColumns(
        e,
        'owned',
        [
          ['owner', 'uuid'],
          ['key', 'text'],
          ['label', 'text'],
        ],
        Array.from({ length: 5_000 }, (_, i) => [owner, `K${i}`, `row ${i}`]),
      );
      const sql = eachOfList('key, label', 'owned', 'owner = ?', 'key');
      const params = [arrayLiteral(['K7', 'K4999', 'K7', 'missing']), owner];
      const found = await e.execute<{ key: string; label: string }[]>(sql, params);
      expect(found.map((r) => r.label)).to.deep.equal(['row 7', 'row 4999', 'row 7']);
      const plan = (await e.execute<{ 'QUERY PLAN': string }[]>(`explain ${sql}`, params)).map((r) => r['QUERY PLAN']).join('\n');
      expect(plan, plan).to.match(/Index Cond: \(\(owner = .*\) AND \(key = k\.key\)\)/);
      expect(plan, plan).not.to.match(/Filter/);
    });
  });
});
