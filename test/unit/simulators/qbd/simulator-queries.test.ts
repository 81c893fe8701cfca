import { expect } from 'chai';
import { CustomerRecord } from '../../../../adapters/qbd/qbxml/records/customer-record';
import { InvoiceRecord } from '../../../../adapters/qbd/qbxml/records/invoice-record';
import { buildCustomerQuery } from '../../../../adapters/qbd/qbxml/requests/list-queries';
import { buildTxnQuery } from '../../../../adapters/qbd/qbxml/requests/txn-queries';
import { Instant, LocalDate } from '../../../../core/values/instant';
import { lines, m, oneInvoice as setup } from './one-invoice';
import { ask, newCompany } from './sim-harness';

describe('The QuickBooks company simulator', () => {
  describe('queries', () => {
    function withCustomers(count: number) {
      const env = newCompany();
      const made = Array.from({ length: count }, (_, i) => {
        env.clock.advance(60);
        return env.company.addCustomer({ name: `C${String(i).padStart(2, '0')}`, isActive: i % 5 !== 0 });
      });
      return { ...env, made };
    }

    it('pages with an iterator: stable order, remaining counts, and 3391 once the session is gone', async () => {
      const { sim, made } = withCustomers(25);
      const select = { maxReturned: 10, activeStatus: 'All' as const };
      const first = await ask(sim, [buildCustomerQuery({ requestId: 'c', step: { iterator: 'Start' }, select })]);
      const iteratorId = first.statuses[0].iteratorId!;
      expect(first.statuses[0].iteratorRemainingCount).to.equal(15);
      const second = await ask(sim, [buildCustomerQuery({ requestId: 'c', step: { iterator: 'Continue', iteratorId }, select })]);
      const third = await ask(sim, [buildCustomerQuery({ requestId: 'c', step: { iterator: 'Continue', iteratorId }, select })]);
      expect([second, third].map((a) => a.statuses[0].iteratorRemainingCount)).to.deep.equal([5, 0]);
      const ids = [first, second, third].flatMap((a) => a.records.map((r) => (r as CustomerRecord).listId));
      expect(ids).to.deep.equal(made.map((c) => c.listId));

      const again = await ask(sim, [buildCustomerQuery({ requestId: 'c2', step: { iterator: 'Start' }, select })]);
      sim.openSession();
      const stale = await ask(sim, [
        buildCustomerQuery({ requestId: 'c3', step: { iterator: 'Continue', iteratorId: again.statuses[0].iteratorId! }, select }),
      ]);
      expect(stale.statuses[0]).to.include({ statusCode: 3391, statusSeverity: 'Error' });
      expect(stale.statuses[0].meaning.class).to.equal('bad-iterator');
    });

    it('hides inactive customers unless asked for All (QuickBooks defaults to ActiveOnly)', async () => {
      const { sim } = withCustomers(10);
      const count = async (activeStatus?: 'All' | 'InactiveOnly') =>
        (await ask(sim, [buildCustomerQuery({ requestId: 'c', select: { activeStatus } })])).records.length;
      expect([await count(), await count('All'), await count('InactiveOnly')]).to.deep.equal([8, 10, 2]);
    });

    it('filters by modified date with inclusive bounds, to the second', async () => {
      const { sim, made, company } = withCustomers(5);
      const at = (i: number) => company.clock.format(made[i].modified) as Instant;
      const answer = await ask(sim, [buildCustomerQuery({ requestId: 'c', select: { activeStatus: 'All', modified: { from: at(1), to: at(3) } } })]);
      expect(answer.records.map((r) => (r as CustomerRecord).name)).to.deep.equal(['C01', 'C02', 'C03']);
    });

    it('answers "no match" with status 1, which is not an error', async () => {
      const { sim } = withCustomers(0);
      const answer = await ask(sim, [buildCustomerQuery({ requestId: 'c', select: { activeStatus: 'All' } })]);
      expect(answer.statuses[0]).to.include({ statusCode: 1, statusSeverity: 'Info' });
      expect(answer.statuses[0].meaning.class).to.equal('no-match');
    });

    it('filters invoices by transaction date, customer and paid status, and trims with IncludeRetElement', async () => {
      const { sim, company, customer, invoice } = setup();
      const other = company.addCustomer({ name: 'Other' });
      company.addInvoice({ customerId: other.listId, txnDate: '2026-10-01', lines: lines('5.00') });
      const paidOff = company.addInvoice({ customerId: customer.listId, txnDate: '2026-11-03', lines: lines('5.00') });
      company.receivePayment({ customerId: customer.listId, totalAmount: m('5.00'), applications: [{ invoiceId: paidOff.txnId, amount: m('5.00') }] });
      const byDate = await ask(sim, [buildTxnQuery('invoice', { requestId: 'a', select: { txnDate: { from: '2026-11-01' as LocalDate } } })]);
      expect(byDate.records).to.have.length(2);
      const open = await ask(sim, [buildTxnQuery('invoice', { requestId: 'b', select: { customerListIds: [customer.listId], paidStatus: 'NotPaidOnly' } })]);
      expect(open.records.map((r) => (r as InvoiceRecord).txnId)).to.deep.equal([invoice.txnId]);
      const trimmed = await ask(sim, [buildTxnQuery('invoice', { requestId: 'c', select: { txnIds: [invoice.txnId] }, includeRetElements: ['TxnID'] })]);
      expect(trimmed.xml).to.match(/<InvoiceRet>\n<TxnID>[^<]+<\/TxnID>\n<\/InvoiceRet>/);
    });

    it('answers a lookup with some unknown ids with 500 and what it found, and with all unknown with 3120', async () => {
      const { sim, invoice } = setup();
      const partly = await ask(sim, [buildTxnQuery('invoice', { requestId: 'a', select: { txnIds: [invoice.txnId, 'FFF-1'] } })]);
      expect(partly.statuses[0]).to.include({ statusCode: 500, statusSeverity: 'Warn' });
      expect(partly.records).to.have.length(1);
      const none = await ask(sim, [buildTxnQuery('invoice', { requestId: 'b', select: { txnIds: ['FFF-1'] } })]);
      expect(none.statuses[0].statusCode).to.equal(3120);
    });
  });
});
