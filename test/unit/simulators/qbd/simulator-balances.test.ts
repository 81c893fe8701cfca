import { expect } from 'chai';
import { InvoiceRecord } from '../../../../adapters/qbd/qbxml/records/invoice-record';
import { ReceivePaymentRecord } from '../../../../adapters/qbd/qbxml/records/receive-payment-record';
import { buildReceivePaymentAdd, buildTxnDel } from '../../../../adapters/qbd/qbxml/requests/write-requests';
import { invoiceQuery, lines, m, oneInvoice as setup } from './one-invoice';
import { ask } from './sim-harness';

describe('The QuickBooks company simulator', () => {
  describe('balances as payments and credits come and go', () => {
    it('keeps AppliedAmount, BalanceRemaining, IsPaid and LinkedTxn consistent', async () => {
      const { sim, company, customer, invoice, clock } = setup();
      const before = (await ask(sim, [invoiceQuery(invoice.txnId)])).records[0] as InvoiceRecord;
      expect(before).to.deep.include({ subtotal: '100.00', appliedAmount: '0.00', balanceRemaining: '100.00', isPaid: false });

      clock.advance(60);
      const paid = await ask(sim, [
        buildReceivePaymentAdd({
          requestId: 'p',
          customer: { listId: customer.listId },
          totalAmount: m('40.00'),
          applyTo: [{ txnId: invoice.txnId, amount: m('40.00') }],
        }),
      ]);
      const payment = paid.records[0] as ReceivePaymentRecord;
      expect(JSON.parse(JSON.stringify(payment.appliedTo))).to.deep.equal([
        { txnId: invoice.txnId, txnType: 'Invoice', txnDate: '2026-11-01', refNumber: '1001', balanceRemaining: '60.00', amount: '40.00' },
      ]);
      expect(payment.depositToAccountRef?.fullName).to.equal('Undeposited Funds');

      company.addCreditMemo({ customerId: customer.listId, lines: lines('60.00'), applications: [{ invoiceId: invoice.txnId, amount: m('60.00') }] });
      const settled = (await ask(sim, [invoiceQuery(invoice.txnId)])).records[0] as InvoiceRecord;
      expect(settled).to.deep.include({ appliedAmount: '-100.00', balanceRemaining: '0.00', isPaid: true });
      expect(settled.linkedTxns.map((l) => [l.txnType, l.amount])).to.deep.equal([
        ['ReceivePayment', '-40.00'],
        ['CreditMemo', '-60.00'],
      ]);

      await ask(sim, [buildTxnDel({ requestId: 'd', txnDelType: 'ReceivePayment', txnId: payment.txnId })]);
      const reopened = (await ask(sim, [invoiceQuery(invoice.txnId)])).records[0] as InvoiceRecord;
      expect(reopened).to.deep.include({ appliedAmount: '-60.00', balanceRemaining: '40.00', isPaid: false });
    });

    it("does not touch an invoice's TimeModified when a payment is applied (the sync must not rely on it)", async () => {
      const { sim, customer, invoice, clock } = setup();
      clock.advance(3600);
      await ask(sim, [
        buildReceivePaymentAdd({
          requestId: 'p',
          customer: { listId: customer.listId },
          totalAmount: m('10.00'),
          applyTo: [{ txnId: invoice.txnId, amount: m('10.00') }],
        }),
      ]);
      const after = (await ask(sim, [invoiceQuery(invoice.txnId)])).records[0] as InvoiceRecord;
      expect(after.editSequence).to.equal(invoice.editSequence);
      expect(after.balanceRemaining).to.equal('90.00');
    });

    it('auto-applies to an invoice of exactly the amount, else oldest first, keeping the rest unused', async () => {
      const { sim, company, customer, invoice } = setup();
      const second = company.addInvoice({ customerId: customer.listId, txnDate: '2026-11-02', lines: lines('30.00') });
      const exact = (await ask(sim, [buildReceivePaymentAdd({ requestId: 'p1', customer: { listId: customer.listId }, totalAmount: m('30.00') })]))
        .records[0] as ReceivePaymentRecord;
      expect(exact.appliedTo.map((a) => a.txnId)).to.deep.equal([second.txnId]);
      const spread = (await ask(sim, [buildReceivePaymentAdd({ requestId: 'p2', customer: { listId: customer.listId }, totalAmount: m('150.00') })]))
        .records[0] as ReceivePaymentRecord;
      expect(spread.appliedTo.map((a) => [a.txnId, a.amount])).to.deep.equal([[invoice.txnId, '100.00']]);
      expect(spread.unusedPayment).to.equal('50.00');
    });

    it('refuses paying more than is due (3210), an unknown customer (3140) and an unknown invoice (3120)', async () => {
      const { sim, customer, invoice } = setup();
      const answer = await ask(sim, [
        buildReceivePaymentAdd({
          requestId: 'over',
          customer: { listId: customer.listId },
          totalAmount: m('100.01'),
          applyTo: [{ txnId: invoice.txnId, amount: m('100.01') }],
        }),
        buildReceivePaymentAdd({ requestId: 'who', customer: { fullName: 'Nobody' }, totalAmount: m('1.00') }),
        buildReceivePaymentAdd({
          requestId: 'what',
          customer: { listId: customer.listId },
          totalAmount: m('1.00'),
          applyTo: [{ txnId: 'FFF-1', amount: m('1.00') }],
        }),
      ]);
      expect(answer.statuses.map((s) => [s.requestId, s.statusCode])).to.deep.equal([
        ['over', 3210],
        ['who', 3140],
        ['what', 3120],
      ]);
      expect(answer.statuses[0].statusMessage).to.include('You cannot pay more than the amount due');
      expect(answer.records).to.have.length(0);
    });
  });
});
