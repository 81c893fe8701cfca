import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { INVOICE_COLUMNS, invoiceInsertRow, writeLines } from '../../../../adapters/alternative/store/invoice-row-writes';
import { invoiceById, linesOf } from '../../../../adapters/alternative/store/invoice-ledger';
import { ALTERNATIVE_SYSTEM } from '../../../../adapters/alternative/alternative-system';
import type { Invoice } from '../../../../core/items/invoice';
import type { Connection } from '../../../../core/store/entities/connection';
import { insertColumns } from '../../../../core/store/insert-rows';
import type { LocalDate } from '../../../../core/values/instant';
import { parseMoney } from '../../../../core/values/money';
import { countStatements } from '../../store/count-statements';
import { qbdInvoice, useLedger } from './ledger-fixture';

const line = (id: string, amount: string, extra: Partial<Invoice['lines'][number]> = {}) => ({ id, amount: parseMoney(amount), ...extra });

describe('Invoice rows and lines as the ledger writes them (invoice-row-writes)', function () {
  this.timeout(30_000);
  const ledger = useLedger();
  const { em, clock } = ledger;

  /** A new invoice of the platform's own, written as own-invoices.ts writes one; answers its id. */
  async function newInvoice(c: Connection, invoice: Omit<Invoice, 'id' | 'lines'>, version?: string): Promise<string> {
    const id = randomUUID();
    const row = invoiceInsertRow(id, { connectionId: c.id, system: ALTERNATIVE_SYSTEM, sourceId: id, version, now: clock.read() }, invoice);
    expect(row).to.have.length(INVOICE_COLUMNS.length);
    await insertColumns(em(), 'alt_invoice', INVOICE_COLUMNS, [row]);
    return id;
  }

  const lineRows = async (...ids: string[]) => {
    const byInvoice = await linesOf(em(), ids);
    return ids.map((id) => (byInvoice.get(id) ?? []).map((l) => [l.position, l.source_line_id, l.item_name, l.description, l.quantity, l.rate, l.amount]));
  };

  describe('invoiceInsertRow', () => {
    it('gives a new invoice its values in the order of INVOICE_COLUMNS: exact money, the date as written, no optional field made up', async () => {
      const c = await ledger.connection();
      const customerId = await ledger.customer(c);
      const {
        id: _id,
        lines: _lines,
        ...invoice
      } = qbdInvoice('x', customerId, '0.30', {
        subtotal: parseMoney('0.20'),
        salesTax: parseMoney('0.10'),
        balance: parseMoney('0.01'),
        status: 'partially-paid',
        number: undefined,
      });
      const id = await newInvoice(c, invoice, '4');
      expect(await invoiceById(em(), c.id, id)).to.deep.equal({
        id,
        source_system: ALTERNATIVE_SYSTEM,
        source_id: id,
        source_version: '4',
        customer_source_id: customerId,
        number: null,
        txn_date: '2026-11-02',
        due_date: null,
        memo: null,
        subtotal: '0.20',
        sales_tax: '0.10',
        total: '0.30',
        balance: '0.01',
        status: 'partially-paid',
        archived_at: null,
        deleted_at: null,
      });
    });

    it('carries a due date, a memo and a number when the invoice has them, and no version when none is given', async () => {
      const c = await ledger.connection();
      const {
        id: _id,
        lines: _lines,
        ...invoice
      } = qbdInvoice('y', await ledger.customer(c), '12345678901.99', {
        dueDate: '2027-02-28' as LocalDate,
        memo: 'It\'s "quoted"',
        number: 'INV-7',
      });
      const id = await newInvoice(c, invoice);
      expect(await invoiceById(em(), c.id, id)).to.deep.include({
        due_date: '2027-02-28',
        memo: 'It\'s "quoted"',
        number: 'INV-7',
        total: '12345678901.99',
        source_version: null,
      });
    });
  });

  describe('writeLines', () => {
    async function invoiceWithLines(c: Connection, ...lines: Invoice['lines']) {
      const { id: _id, lines: _none, ...invoice } = qbdInvoice('z', await ledger.customer(c), '1.00');
      const id = await newInvoice(c, invoice);
      await writeLines(em(), [{ id, lines, replace: false }]);
      return id;
    }

    it('writes the lines in the order given, with what each line says and nothing more', async () => {
      const c = await ledger.connection();
      const id = await invoiceWithLines(
        c,
        line('L1', '0.10', { itemName: 'Services', description: 'Work', quantity: '2.5', rate: '0.04' }),
        line('L2', '0.90'),
      );
      expect(await lineRows(id)).to.deep.equal([
        [
          [0, 'L1', 'Services', 'Work', '2.5', '0.04', '0.10'],
          [1, 'L2', null, null, null, null, '0.90'],
        ],
      ]);
    });

    it("replaces several invoices' lines in one statement, empties an invoice given none, and leaves the others", async () => {
      const c = await ledger.connection();
      const [a, b, untouched] = [
        await invoiceWithLines(c, line('A1', '1.00')),
        await invoiceWithLines(c, line('B1', '1.00')),
        await invoiceWithLines(c, line('C1', '1.00')),
      ];
      const writer = em();
      const statements = countStatements(writer);
      await writeLines(writer, []);
      expect(statements.sent, 'nothing for no invoices').to.deep.equal([]);
      await writeLines(writer, [
        { id: a, lines: [line('A2', '0.50'), line('A3', '0.50')], replace: true },
        { id: b, lines: [], replace: true },
      ]);
      statements.stop();
      expect(statements.sent, statements.sent.join('\n')).to.have.length(1);
      expect(await lineRows(a, b, untouched)).to.deep.equal([
        [
          [0, 'A2', null, null, null, null, '0.50'],
          [1, 'A3', null, null, null, null, '0.50'],
        ],
        [],
        [[0, 'C1', null, null, null, null, '1.00']],
      ]);
    });

    it('keeps the first lines of an invoice that now has fewer, with their new values, and drops the rest', async () => {
      const c = await ledger.connection();
      const id = await invoiceWithLines(c, line('S1', '1.00'), line('S2', '2.00'), line('S3', '3.00'));
      await writeLines(em(), [{ id, lines: [line('S9', '6.00', { description: 'All in one' })], replace: true }]);
      expect(await lineRows(id)).to.deep.equal([[[0, 'S9', null, 'All in one', null, null, '6.00']]]);
    });

    it("writes a new invoice's lines without a delete (it has none to replace)", async () => {
      const c = await ledger.connection();
      const { id: _id, lines: _none, ...invoice } = qbdInvoice('n', await ledger.customer(c), '1.00');
      const id = await newInvoice(c, invoice);
      const writer = em();
      const statements = countStatements(writer);
      await writeLines(writer, [{ id, lines: [line('N1', '1.00')], replace: false }]);
      statements.stop();
      expect(statements.sent).to.have.length(1);
      expect(statements.sent[0]).to.match(/^insert into alt_invoice_line/);
      expect(await lineRows(id)).to.deep.equal([[[0, 'N1', null, null, null, null, '1.00']]]);
    });
  });
});
