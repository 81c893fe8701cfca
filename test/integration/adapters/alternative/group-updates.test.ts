import { expect } from 'chai';
import { GroupColumns, GroupUpdates, columnsOf } from '../../../../adapters/alternative/store/group-updates';
import { invoiceById } from '../../../../adapters/alternative/store/invoice-ledger';
import type { Invoice } from '../../../../core/items/invoice';
import type { Connection } from '../../../../core/store/entities/connection';
import { sendSql } from '../../../../core/store/send-sql';
import { parseMoney } from '../../../../core/values/money';
import { countStatements } from '../../store/count-statements';
import { qbdInvoice, useLedger } from './ledger-fixture';

/** A part of an invoice's columns, in two groups, as a ledger declares them. */
const COLUMNS: GroupColumns<Invoice> = {
  header: [
    ['number', (i) => i.number ?? null, 'text'],
    ['memo', (i) => i.memo ?? null, 'text'],
  ],
  amounts: [
    ['total', (i) => i.total, 'numeric'],
    ['balance', (i) => i.balance, 'numeric'],
  ],
};

const names = (columns: readonly (readonly [string, ...unknown[]])[]) => columns.map(([name]) => name);

describe('Updates of known ledger rows by field group (group-updates)', function () {
  this.timeout(30_000);
  const ledger = useLedger();
  const { em, clock } = ledger;

  /** A QuickBooks invoice's edit: new words and new money, for whichever groups are let through. */
  const edited = (sourceId: string, total: string) => qbdInvoice(sourceId, '80000001-1764659407', total, { number: 'EDITED', memo: 'edited memo' });
  const updatedAt = async (id: string) =>
    new Date((await sendSql<{ updated_at: Date }[]>(em(), 'select updated_at from alt_invoice where id = ?', [id]))[0].updated_at).getTime();

  describe('columnsOf', () => {
    it('answers the columns of the allowed groups, every column for "*", none for an unknown group', () => {
      expect(names(columnsOf(COLUMNS, ['amounts']))).to.deep.equal(['total', 'balance']);
      expect(names(columnsOf(COLUMNS, ['*']))).to.deep.equal(['number', 'memo', 'total', 'balance']);
      expect(names(columnsOf(COLUMNS, ['lines', 'nothing']))).to.deep.equal([]);
    });
  });

  describe('GroupUpdates', () => {
    async function threeInvoices(c: Connection) {
      return [await ledger.quickBooksInvoice(c, '10.00'), await ledger.quickBooksInvoice(c, '20.00'), await ledger.quickBooksInvoice(c, '30.00')];
    }

    it("writes each row's allowed groups only, with its version and the time of the write, exact to the cent", async () => {
      const c = await ledger.connection();
      const [a, b] = await threeInvoices(c);
      const updates = new GroupUpdates('alt_invoice', COLUMNS);
      expect(names(updates.add(a.id, edited(a.source_id, '0.30'), ['amounts'], '2'))).to.deep.equal(['total', 'balance']);
      expect(names(updates.add(b.id, edited(b.source_id, '99.99'), ['header'], undefined))).to.deep.equal(['number', 'memo']);
      clock.now += 60_000;
      await updates.write(em(), clock.read());
      expect(await invoiceById(em(), c.id, a.id)).to.deep.include({ number: a.number, memo: null, total: '0.30', balance: '0.30', source_version: '2' });
      expect(await invoiceById(em(), c.id, b.id)).to.deep.include({
        number: 'EDITED',
        memo: 'edited memo',
        total: '20.00',
        balance: '20.00',
        source_version: null,
      });
      expect([await updatedAt(a.id), await updatedAt(b.id)]).to.deep.equal([clock.now, clock.now]);
    });

    it('sends one statement for all the sets of columns, however many rows share each, and none when nothing is planned', async () => {
      const c = await ledger.connection();
      const [a, b, d] = await threeInvoices(c);
      const updates = new GroupUpdates('alt_invoice', COLUMNS);
      updates.add(a.id, edited(a.source_id, '1.00'), ['amounts'], '2');
      updates.add(b.id, edited(b.source_id, '2.00'), ['header'], '2');
      updates.add(d.id, edited(d.source_id, '3.00'), ['amounts'], '2');
      const writer = em();
      const statements = countStatements(writer);
      await new GroupUpdates('alt_invoice', COLUMNS).write(writer, clock.read());
      expect(statements.sent, 'nothing planned').to.deep.equal([]);
      await updates.write(writer, clock.read());
      statements.stop();
      expect(statements.sent).to.have.length(1);
      expect((await Promise.all([a, b, d].map((i) => invoiceById(em(), c.id, i.id)))).map((i) => [i!.total, i!.number])).to.deep.equal([
        ['1.00', a.number],
        ['20.00', 'EDITED'],
        ['3.00', d.number],
      ]);
    });

    it('writes only the version and the time for a row whose groups own no column here', async () => {
      const c = await ledger.connection();
      const [a] = await threeInvoices(c);
      const updates = new GroupUpdates('alt_invoice', COLUMNS);
      expect(updates.add(a.id, edited(a.source_id, '5.00'), ['lines'], '9')).to.deep.equal([]);
      clock.now += 1_000;
      await updates.write(em(), clock.read());
      expect(await invoiceById(em(), c.id, a.id)).to.deep.include({ total: '10.00', number: a.number, source_version: '9' });
      expect(await updatedAt(a.id)).to.equal(clock.now);
    });

    it('fills the extra columns a table names with the values given, in order', async () => {
      const c = await ledger.connection();
      const [a] = await threeInvoices(c);
      const updates = new GroupUpdates('alt_invoice', COLUMNS, [
        { name: 'status', type: 'text' },
        { name: 'due_date', type: 'date' },
      ]);
      updates.add(a.id, { ...edited(a.source_id, '10.00'), balance: parseMoney('0.00') }, ['amounts'], '3', () => ['paid', '2027-01-31']);
      await updates.write(em(), clock.read());
      expect(await invoiceById(em(), c.id, a.id)).to.deep.include({ balance: '0.00', status: 'paid', due_date: '2027-01-31', source_version: '3' });
    });
  });
});
