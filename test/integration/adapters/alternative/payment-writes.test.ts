import { expect } from 'chai';
import { InvoiceWrites } from '../../../../adapters/alternative/services/invoice-writes';
import { KEPT_HERE, PaymentWrites } from '../../../../adapters/alternative/services/payment-writes';
import { invoiceById } from '../../../../adapters/alternative/store/invoice-ledger';
import { paymentById, unreflectedPayments } from '../../../../adapters/alternative/store/payment-ledger';
import type { Connection } from '../../../../core/store/entities/connection';
import type { LocalDate } from '../../../../core/values/instant';
import { parseMoney } from '../../../../core/values/money';
import { refusal, useLedger } from './ledger-fixture';

describe('PaymentWrites', function () {
  this.timeout(30_000);
  const ledger = useLedger();
  const { em, clock } = ledger;
  const payments = () => ledger.service.current.service.container.get(PaymentWrites);
  const record = (c: Connection, invoiceId: string, amount: string) => payments().record(em(), c, { invoiceId, amount: parseMoney(amount) }, clock.read());

  async function platformInvoice(c: Connection, amount: string): Promise<string> {
    const customerId = await ledger.customer(c);
    return ledger.service.current.service.container
      .get(InvoiceWrites)
      .create(em(), c, { customerId, lines: [{ description: 'Work', amount: parseMoney(amount) }] }, clock.read());
  }

  describe('record', () => {
    it('keeps a payment of a platform-only invoice here, taking it off the invoice’s own balance exactly', async () => {
      const c = await ledger.connection();
      const invoiceId = await platformInvoice(c, '0.30');
      const id = await payments().record(em(), c, { invoiceId, amount: parseMoney('0.10'), date: '2026-11-21' as LocalDate, method: 'card' }, clock.read());
      expect(await paymentById(em(), id)).to.deep.include({
        amount: '0.10',
        received_on: '2026-11-21',
        method: 'card',
        status: 'succeeded',
        kept_reason: KEPT_HERE,
      });
      expect(await invoiceById(em(), c.id, invoiceId)).to.deep.include({ balance: '0.20', status: 'partially-paid' });
    });

    it('lets a payment of a QuickBooks invoice flow on, dated today, and counts it against what is owed until QuickBooks shows it', async () => {
      const c = await ledger.connection();
      const invoice = await ledger.quickBooksInvoice(c, '100.00');
      const id = await record(c, invoice.id, '60.00');
      expect(await paymentById(em(), id)).to.deep.include({ received_on: '2026-11-25', kept_reason: null });
      expect(await invoiceById(em(), c.id, invoice.id), "QuickBooks' balance stays until read back").to.deep.include({ balance: '100.00' });
      expect(await unreflectedPayments(em(), invoice.id)).to.equal('60.00');
      const over = await refusal(record(c, invoice.id, '40.01'));
      expect(over.message).to.equal(
        "amount is more than is still owed on this invoice: 40.00 (QuickBooks' balance 100.00 less 60.00 of payments not yet in QuickBooks).",
      );
      expect(await ledger.count('alt_payment', c)).to.equal(1);
    });

    it('refuses nothing, too much, and an invoice that is not this connection’s, writing nothing', async () => {
      const c = await ledger.connection();
      const invoiceId = await platformInvoice(c, '10.00');
      expect((await refusal(record(c, invoiceId, '0.00'))).message).to.equal('amount must be more than 0.00.');
      expect((await refusal(record(c, invoiceId, '10.01'))).message).to.equal('amount is more than is still owed on this invoice: 10.00.');
      const theirs = await platformInvoice(await ledger.connection(), '10.00');
      expect((await refusal(record(c, theirs, '1.00'))).message).to.equal('invoiceId: no such invoice on this connection.');
      expect((await refusal(record(c, 'not-a-uuid', '1.00'))).kind).to.equal('invalid');
      expect(await ledger.count('alt_payment', c)).to.equal(0);
      expect(await invoiceById(em(), c.id, invoiceId)).to.deep.include({ balance: '10.00', status: 'open' });
    });
  });

  describe('fail', () => {
    it('gives a kept payment back to the invoice’s own balance, once however often it is failed', async () => {
      const c = await ledger.connection();
      const invoiceId = await platformInvoice(c, '50.00');
      const id = await record(c, invoiceId, '50.00');
      expect(await invoiceById(em(), c.id, invoiceId)).to.deep.include({ balance: '0.00', status: 'paid' });
      const partner = await ledger.partnerOf(c);
      expect((await payments().fail(em(), partner, id, clock.read())).id).to.equal(c.id);
      await payments().fail(em(), partner, id, clock.read());
      expect((await paymentById(em(), id))!.status).to.equal('failed');
      expect(await invoiceById(em(), c.id, invoiceId)).to.deep.include({ balance: '50.00', status: 'open' });
    });

    it('fails a payment that flowed on, so it no longer counts against what is owed', async () => {
      const c = await ledger.connection();
      const invoice = await ledger.quickBooksInvoice(c, '100.00');
      const id = await record(c, invoice.id, '25.00');
      await payments().fail(em(), await ledger.partnerOf(c), id, clock.read());
      expect((await paymentById(em(), id))!.status).to.equal('failed');
      expect(await unreflectedPayments(em(), invoice.id)).to.equal('0.00');
    });

    it("answers not found for another partner's payment, changing nothing", async () => {
      const c = await ledger.connection();
      const id = await record(c, await platformInvoice(c, '5.00'), '5.00');
      const stranger = await ledger.partnerOf(await ledger.connection());
      expect((await refusal(payments().fail(em(), stranger, id, clock.read()))).message).to.equal('No such payment.');
      expect((await refusal(payments().fail(em(), stranger, 'not-a-uuid', clock.read()))).kind).to.equal('not-found');
      expect((await paymentById(em(), id))!.status).to.equal('succeeded');
    });
  });
});
