import { expect } from 'chai';
import { StatementNames } from '../../../../core/store/statement-names';

describe('StatementNames (which statement texts PostgreSQL keeps parsed)', () => {
  const update = 'update ledger set label = ? where id = ? and note <> \\?';

  it('numbers the placeholders, keeping an escaped question mark', () => {
    expect(new StatementNames().planOf(update, 2).text).to.equal('update ledger set label = $1 where id = $2 and note <> ?');
  });

  it('names a text at its second use, and keeps that name', () => {
    const names = new StatementNames();
    expect(names.planOf(update, 2).name).to.equal(undefined);
    const second = names.planOf(update, 2).name;
    expect(second).to.be.a('string');
    expect(names.planOf(update, 2).name).to.equal(second);
    names.planOf('select label from ledger where id = ?', 1);
    expect(names.planOf('select label from ledger where id = ?', 1).name).to.not.equal(second);
  });

  it('never names a text without parameters, or one that answers with the columns of a `*`', () => {
    const names = new StatementNames();
    names.planOf('delete from ledger', 0);
    expect(names.planOf('delete from ledger', 0).name).to.equal(undefined);
    for (const sql of [
      'select * from ledger where id = ?',
      'select l.*, 1 as one from ledger l where id = ?',
      'delete from ledger where id = ? returning *',
      'select 1 as one, * from ledger where id = ?',
    ]) {
      names.planOf(sql, 1);
      names.answered(sql, 2);
      expect(names.planOf(sql, 1).name, sql).to.equal(undefined);
    }
  });

  it('names a text with a `*` once its first answer shows no columns (a write without RETURNING)', () => {
    const names = new StatementNames();
    const insert = 'insert into ledger (id, label) select * from unnest(?::int[], ?::text[])';
    expect(names.planOf(insert, 2).name).to.equal(undefined);
    expect(names.planOf(insert, 2).name, 'not before its answer is known').to.equal(undefined);
    names.answered(insert, 0);
    names.answered(insert, 3); // only the first answer counts
    expect(names.planOf(insert, 2).name).to.be.a('string');
    names.planOf('select count(*) as n from ledger where id > ?', 1);
    expect(names.planOf('select count(*) as n from ledger where id > ?', 1).name, 'count(*) is no star').to.be.a('string');
  });

  it('names at most its limit of texts, then sends new ones unnamed', () => {
    const names = new StatementNames(3);
    const named = [1, 2, 3, 4, 5].map((n) => {
      const sql = `select ? + ${n} as n`;
      names.planOf(sql, 1);
      return names.planOf(sql, 1).name;
    });
    expect(named.filter(Boolean)).to.have.length(3);
    expect(named.slice(3)).to.deep.equal([undefined, undefined]);
  });
});
