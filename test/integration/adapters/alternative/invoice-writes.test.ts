import { expect } from 'chai';
import { InvoiceWrites } from '../../../../adapters/alternative/services/invoice-writes';
import { PaymentWrites } from '../../../../adapters/alternative/services/payment-writes';
import { invoiceById, linesOf } from '../../../../adapters/alternative/store/invoice-ledger';
import type { Connection } from '../../../../core/store/entities/connection';
import type { LocalDate } from '../../../../core/values/instant';
import { parseMoney } from '../../../../core/values/money';
import { refusal, useLedger } from './ledger-fixture';

const line = (amount: string, extra: Record<string, string> = {}) => ({ description: 'Work', amount: parseMoney(amount), ...extra });

describe('InvoiceWrites', function () {
  this.timeout(30_000);
  const ledger = useLedger();
  const { em, clock } = ledger;
  const writes = () => ledger.service.current.service.container.get(InvoiceWrites);
  const payments = () => ledger.service.current.service.container.get(PaymentWrites);

  /** The invoice's row and lines as the ledger holds them, to show a refusal changed nothing. */
  const stored = async (c: Connection, id: string) => ({ row: await invoiceById(em(), c.id, id), lines: (await linesOf(em(), [id])).get(id) });

  describe('create', () => {
    it('adds the lines up exactly (0.10 + 0.20 is 0.30), dated today unless told, open and owing all of it', async () => {
      const c = await ledger.connection();
      const customerId = await ledger.customer(c);
      const id = await writes().create(
        em(),
        c,
        { customerId, number: 'P-1', lines: [line('0.10'), line('0.20', { quantity: '2', rate: '0.10' })] },
        clock.read(),
      );
      expect(await invoiceById(em(), c.id, id)).to.deep.include({
        source_system: 'alternative',
        customer_source_id: customerId,
        txn_date: '2026-11-25',
        subtotal: '0.30',
        sales_tax: '0.00',
        total: '0.30',
        balance: '0.30',
        status: 'open',
      });
      expect((await linesOf(em(), [id])).get(id)!.map((l) => [l.quantity, l.rate, l.amount])).to.deep.equal([
        [null, null, '0.10'],
        ['2', '0.10', '0.20'],
      ]);
    });

    it('refuses an unknown or deleted customer, and totals of nothing or more than the ledger holds, writing nothing', async () => {
      const c = await ledger.connection();
      const customerId = await ledger.customer(c);
      const other = await ledger.customer(await ledger.connection());
      const create = (input: Parameters<InvoiceWrites['create']>[2]) => writes().create(em(), c, input, clock.read());
      expect((await refusal(create({ customerId: other, lines: [line('1.00')] }))).message).to.equal('customerId: no such customer on this connection.');
      expect((await refusal(create({ customerId: 'not-a-uuid', lines: [line('1.00')] }))).kind).to.equal('invalid');
      expect((await refusal(create({ customerId, lines: [line('0.00')] }))).message).to.equal('lines must add up to more than 0.00 (they add up to 0.00).');
      const huge = await refusal(create({ customerId, lines: [line('9999999999999.99'), line('0.01')] }));
      expect(huge.message).to.equal('lines add up to 10000000000000.00, more than an invoice can hold (9999999999999.99).');
      expect(await ledger.count('alt_invoice', c)).to.equal(0);
    });
  });

  describe('revise', () => {
    async function platformInvoice(c: Connection, ...amounts: string[]) {
      return writes().create(em(), c, { customerId: await ledger.customer(c), lines: amounts.map((a) => line(a)) }, clock.read());
    }

    it('moves the balance with the total, keeping what was paid taken, and keeps lines named by id', async () => {
      const c = await ledger.connection();
      const id = await platformInvoice(c, '100.00');
      await payments().record(em(), c, { invoiceId: id, amount: parseMoney('33.33') }, clock.read());
      const [kept] = (await linesOf(em(), [id])).get(id)!;
      await writes().revise(
        em(),
        c,
        id,
        { dueDate: '2027-01-31' as LocalDate, lines: [line('100.00', { id: kept.source_line_id }), line('0.01')] },
        clock.read(),
      );
      expect(await invoiceById(em(), c.id, id)).to.deep.include({ due_date: '2027-01-31', total: '100.01', balance: '66.68', status: 'partially-paid' });
      expect((await linesOf(em(), [id])).get(id)!.map((l) => l.source_line_id)[0]).to.equal(kept.source_line_id);
    });

    it('changes only the due date when no lines are sent', async () => {
      const c = await ledger.connection();
      const id = await platformInvoice(c, '12.34', '0.66');
      const before = await stored(c, id);
      await writes().revise(em(), c, id, { dueDate: '2027-02-01' as LocalDate }, clock.read());
      const after = await stored(c, id);
      expect(after.row).to.deep.include({ due_date: '2027-02-01', total: '13.00', balance: '13.00' });
      expect(after.lines).to.deep.equal(before.lines);
    });

    it('refuses lines below what was paid, unknown line ids and an empty change, changing nothing', async () => {
      const c = await ledger.connection();
      const id = await platformInvoice(c, '100.00');
      await payments().record(em(), c, { invoiceId: id, amount: parseMoney('40.00') }, clock.read());
      const before = await stored(c, id);
      const below = await refusal(writes().revise(em(), c, id, { lines: [line('39.99')] }, clock.read()));
      expect(below.message).to.equal('lines add up to 39.99, less than the 40.00 already paid on this invoice.');
      const unknown = await refusal(writes().revise(em(), c, id, { dueDate: '2027-01-01' as LocalDate, lines: [line('50.00', { id: 'nope' })] }, clock.read()));
      expect(unknown.message).to.equal('lines: an id names no line of this invoice.');
      expect((await refusal(writes().revise(em(), c, id, {}, clock.read()))).message).to.equal('Send dueDate, lines or both.');
      expect(await stored(c, id)).to.deep.equal(before);
    });

    it('refuses a paid invoice, and one of another connection as not found', async () => {
      const c = await ledger.connection();
      const id = await platformInvoice(c, '5.00');
      await payments().record(em(), c, { invoiceId: id, amount: parseMoney('5.00') }, clock.read());
      const paid = await refusal(writes().revise(em(), c, id, { dueDate: '2027-01-01' as LocalDate }, clock.read()));
      expect(paid.message).to.equal('Only unpaid invoices can be edited; this one is paid.');
      const elsewhere = await refusal(writes().revise(em(), await ledger.connection(), id, { dueDate: '2027-01-01' as LocalDate }, clock.read()));
      expect(elsewhere.kind).to.equal('not-found');
      expect((await refusal(writes().revise(em(), c, 'not-a-uuid', { dueDate: '2027-01-01' as LocalDate }, clock.read()))).kind).to.equal('not-found');
    });
  });
});
