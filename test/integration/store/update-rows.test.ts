import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { insertRows } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';
import { updateRows } from '../../../core/store/update-rows';
import { useTestService } from '../../support/use-test-service';
import { countStatements } from './count-statements';

interface Row {
  readonly id: string;
  readonly label: string | null;
  readonly amount: string;
  readonly due: string | null;
  readonly active: boolean;
  readonly note: string | null;
}

const AMOUNT = { name: 'amount', type: 'numeric' };
const LABEL = { name: 'label', type: 'text' };

describe('updateRows (many rows by id, one statement)', function () {
  this.timeout(60_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork() as EntityManager;

  /**
   * Runs `work` in a transaction holding a temporary table of `count` rows (a temporary table
   * lives on one connection of the pool), written as the stores write rows; answers their ids.
   */
  async function withTable(count: number, work: (e: EntityManager, ids: string[]) => Promise<void>): Promise<void> {
    await em().transactional(async (tx) => {
      const e = tx as EntityManager;
      await e.execute(
        'create temporary table ledger (id uuid primary key, label text, amount numeric(15, 2) not null, due date, active boolean not null, note text) on commit drop',
      );
      const ids = Array.from({ length: count }, () => randomUUID());
      await insertRows(
        e,
        'ledger',
        ['id', 'label', 'amount', 'due', 'active', 'note'],
        ids.map((id, i) => [id, `row ${i}`, '1.00', null, true, null]),
      );
      await work(e, ids);
    });
  }

  const read = (e: EntityManager) =>
    sendSql<Row[]>(e, `select id, label, amount::text as amount, to_char(due, 'YYYY-MM-DD') as due, active, note from ledger order by label`);

  it('gives each row its own values, typed as the columns say, and leaves other rows and columns alone', async () => {
    await withTable(3, async (e, [a, b, c]) => {
      const columns = [LABEL, AMOUNT, { name: 'due', type: 'date' }, { name: 'active', type: 'boolean' }];
      await updateRows(e, 'ledger', columns, [
        [c, 'row 2', '0.30', '2027-01-31', false],
        [a, 'row 0', '12345678901.99', null, true],
      ]);
      expect(await read(e)).to.deep.equal([
        { id: a, label: 'row 0', amount: '12345678901.99', due: null, active: true, note: null },
        { id: b, label: 'row 1', amount: '1.00', due: null, active: true, note: null },
        { id: c, label: 'row 2', amount: '0.30', due: '2027-01-31', active: false, note: null },
      ]);
    });
  });

  it('sends one statement for many rows, and none for no rows', async () => {
    await withTable(500, async (e, ids) => {
      const statements = countStatements(e);
      await updateRows(e, 'ledger', [AMOUNT], []);
      await updateRows(
        e,
        'ledger',
        [AMOUNT],
        ids.map((id) => [id, '0.10']),
      );
      statements.stop();
      expect(statements.sent.filter((sql) => sql.includes('ledger'))).to.have.length(1);
      const [{ total }] = await sendSql<{ total: string }[]>(e, 'select sum(amount)::text as total from ledger');
      expect(total).to.equal('50.00');
    });
  });

  it('puts the extra assignments first with their own parameters, and lets them read the new values as v.<column>', async () => {
    await withTable(2, async (e, [a, b]) => {
      await updateRows(e, 'ledger', [LABEL], [[b, 'renamed']], { set: ['note = ? || v.label', 'active = ?'], params: ['was: ', false] });
      expect((await read(e)).map((r) => [r.id, r.label, r.note, r.active])).to.deep.equal([
        [b, 'renamed', 'was: renamed', false],
        [a, 'row 0', null, true],
      ]);
    });
  });

  it('sends any number of rows in one statement of the same text, one array parameter a column', async () => {
    await withTable(40_000, async (e, ids) => {
      const statements = countStatements(e);
      await updateRows(e, 'ledger', [LABEL], [[ids[0], 'first']]);
      await updateRows(
        e,
        'ledger',
        [LABEL],
        ids.map((id, i) => [id, `new ${i}`]),
      );
      statements.stop();
      const updates = statements.sent.filter((sql) => sql.startsWith('update ledger'));
      expect(updates).to.have.length(2);
      expect(updates[0]).to.equal(updates[1]);
      const [{ n }] = await sendSql<{ n: number }[]>(e, `select count(*)::int as n from ledger where label like 'new %'`);
      expect(n).to.equal(40_000);
      const [last] = await sendSql<{ label: string }[]>(e, 'select label from ledger where id = ?', [ids[39_999]]);
      expect(last.label).to.equal('new 39999');
    });
  });

  it('updates nothing for an id it does not know', async () => {
    await withTable(1, async (e, [a]) => {
      await updateRows(e, 'ledger', [LABEL], [[randomUUID(), 'ghost']]);
      expect((await read(e)).map((r) => [r.id, r.label])).to.deep.equal([[a, 'row 0']]);
    });
  });
});
