import { expect } from 'chai';
import { InvoiceRecord } from '../../../../adapters/qbd/qbxml/records/invoice-record';
import { buildReceivePaymentToDepositQuery } from '../../../../adapters/qbd/qbxml/requests/company-queries';
import { buildListDeletedQuery, buildTxnDeletedQuery } from '../../../../adapters/qbd/qbxml/requests/deleted-queries';
import { buildCustomerAdd, buildDepositAdd, buildTxnDel } from '../../../../adapters/qbd/qbxml/requests/write-requests';
import { invoiceQuery, m, oneInvoice as setup } from './one-invoice';
import { ask } from './sim-harness';

describe('The QuickBooks company simulator', () => {
  describe('edits, names and deletions', () => {
    const customerMod = (listId: string, editSequence: string, name: string) =>
      `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="13.0"?>\n<QBXML><QBXMLMsgsRq onError="stopOnError"><CustomerModRq requestID="mod"><CustomerMod><ListID>${listId}</ListID><EditSequence>${editSequence}</EditSequence><Name>${name}</Name></CustomerMod></CustomerModRq></QBXMLMsgsRq></QBXML>`;

    it('answers a stale EditSequence with 3200, and a current one with a new EditSequence and TimeModified', async () => {
      const { sim, customer, clock } = setup();
      const first = customer.editSequence;
      clock.advance(5);
      expect(await sim.process(customerMod(customer.listId, first, 'Smith Bros'))).to.include('statusCode="0"');
      expect(customer.editSequence).not.to.equal(first);
      expect(customer.modified.getTime()).to.be.greaterThan(customer.created.getTime());
      expect(await sim.process(customerMod(customer.listId, first, 'Smith Again'))).to.include('statusCode="3200"');
    });

    it('refuses a name already used by a customer or any other name list (3100)', async () => {
      const { sim, company } = setup();
      company.otherNames.add('Acme Supplies');
      const answer = await ask(sim, [
        buildCustomerAdd({ requestId: 'a', name: 'smith & sons' }),
        buildCustomerAdd({ requestId: 'b', name: 'Acme Supplies' }),
        buildCustomerAdd({ requestId: 'c', name: 'New One' }),
      ]);
      expect(answer.statuses.map((s) => s.statusCode)).to.deep.equal([3100, 3100, 0]);
    });

    it('voids an invoice (TxnVoidRq): amounts zero, "VOID:" before the memo, its payments unapplied', async () => {
      const { sim, company, customer, invoice, clock } = setup();
      const payment = company.receivePayment({
        customerId: customer.listId,
        totalAmount: m('40.00'),
        applications: [{ invoiceId: invoice.txnId, amount: m('40.00') }],
      });
      clock.advance(60);
      const voidRq = {
        rqName: 'TxnVoidRq',
        requestId: 'v',
        minVersion: '1.1' as const,
        xml: `<TxnVoidRq requestID="v"><TxnVoidType>Invoice</TxnVoidType><TxnID>${invoice.txnId}</TxnID></TxnVoidRq>`,
      };
      const answer = await ask(sim, [voidRq]);
      expect(answer.statuses[0].statusCode).to.equal(0);
      const read = (await ask(sim, [invoiceQuery(invoice.txnId)])).records[0] as InvoiceRecord;
      expect(read).to.deep.include({ subtotal: '0.00', balanceRemaining: '0.00', memo: 'VOID:' });
      expect(read.lines.every((l) => l.kind === 'line' && l.amount === '0.00')).to.equal(true);
      expect(company.paymentUnused(company.payments.get(payment.txnId)!)).to.equal('40.00');
    });

    it('lists deletions for 90 days, then forgets them', async () => {
      const { sim, company, customer, invoice, clock } = setup();
      const gone = company.addCustomer({ name: 'Short-lived' });
      company.deleteCustomer(gone.listId);
      await ask(sim, [buildTxnDel({ requestId: 'd', txnDelType: 'Invoice', txnId: invoice.txnId })]);
      const deletedQueries = () =>
        ask(sim, [buildTxnDeletedQuery({ requestId: 't', types: ['Invoice'] }), buildListDeletedQuery({ requestId: 'l', types: ['Customer'] })]);
      const now = await deletedQueries();
      expect(now.records.map((r) => r.type)).to.deep.equal(['TxnDeletedRet', 'ListDeletedRet']);
      clock.advance(89 * 86_400);
      expect((await deletedQueries()).records).to.have.length(2);
      clock.advance(2 * 86_400);
      expect((await deletedQueries()).statuses.map((s) => s.statusCode)).to.deep.equal([1, 1]);
      expect(company.customers.has(customer.listId)).to.equal(true);
    });
  });

  describe('deposits', () => {
    it('lists payments waiting in Undeposited Funds, deposits them, then refuses to delete a deposited payment', async () => {
      const { sim, company, customer, invoice } = setup();
      const p1 = company.receivePayment({
        customerId: customer.listId,
        totalAmount: m('30.00'),
        applications: [{ invoiceId: invoice.txnId, amount: m('30.00') }],
      });
      const checking = [...company.accounts.values()].find((a) => a.name === 'Checking')!;
      company.receivePayment({
        customerId: customer.listId,
        totalAmount: m('20.00'),
        depositToAccountId: checking.listId,
        applications: [{ invoiceId: invoice.txnId, amount: m('20.00') }],
      });
      const waiting = await ask(sim, [buildReceivePaymentToDepositQuery({ requestId: 'w' })]);
      expect(waiting.records.map((r) => r.type === 'ReceivePaymentToDepositRet' && r.txnId)).to.deep.equal([p1.txnId]);
      const deposit = await ask(sim, [
        buildDepositAdd({
          requestId: 'dep',
          depositToAccount: { listId: checking.listId },
          lines: [{ paymentTxnId: p1.txnId }, { account: { fullName: 'Merchant Fees' }, amount: m('-0.90') }],
        }),
      ]);
      expect(deposit.records[0]).to.deep.include({ type: 'DepositRet', depositTotal: '29.10' });
      expect((await ask(sim, [buildReceivePaymentToDepositQuery({ requestId: 'w2' })])).statuses[0].statusCode).to.equal(1);
      const again = await ask(sim, [
        buildDepositAdd({ requestId: 'dep2', depositToAccount: { listId: checking.listId }, lines: [{ paymentTxnId: p1.txnId }] }),
      ]);
      expect(again.statuses[0].statusCode).to.equal(3210);
      const del = await ask(sim, [buildTxnDel({ requestId: 'del', txnDelType: 'ReceivePayment', txnId: p1.txnId })]);
      expect(del.statuses[0].statusCode).to.equal(3210);
      expect(del.statuses[0].statusMessage).to.include('deposited');
    });
  });
});
