import { expect } from 'chai';
import { ANY_OF_LIST, arrayLiteral, insertRows } from '../../../core/store/insert-rows';
import { useTestService } from '../../support/use-test-service';

describe('insertRows and ANY_OF_LIST (one parameter for a whole page)', function () {
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
});
