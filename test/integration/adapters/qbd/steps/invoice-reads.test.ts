import { expect } from 'chai';
import { BALANCES_STATE } from '../../../../../adapters/qbd/qbwc/steps/invoice-balances-step';
import { deletedApplicationsStep } from '../../../../../adapters/qbd/qbwc/steps/deleted-applications-step';
import { deletedInvoicesStep } from '../../../../../adapters/qbd/qbwc/steps/deletions-step';
import { invoiceBalancesStep } from '../../../../../adapters/qbd/qbwc/steps/invoice-balances-step';
import { invoicesStep } from '../../../../../adapters/qbd/qbwc/steps/invoices-step';
import { invoicesToRefresh, markInvoicesToRefresh } from '../../../../../adapters/qbd/store/invoices-to-refresh';
import type { Money } from '../../../../../core/values/money';
import { useStepBench } from './step-bench';

const m = (s: string) => s as Money;

describe('The invoice steps against a simulated QuickBooks', function () {
  this.timeout(60_000);
  const bench = useStepBench();

  /** A connection whose invoices were read to the end, with one open invoice of 100.00. */
  async function withInvoiceRead() {
    const env = await bench.connect();
    const customer = env.company.addCustomer({ name: 'Payer' });
    const invoice = env.company.addInvoice({ customerId: customer.listId, lines: [{ itemName: 'Consulting', amount: m('100.00') }] });
    let result;
    for (let window = 0; !result?.done; window++) {
      if (window > 5) throw new Error('the invoices step did not reach its incremental phase');
      result = (await env.run(invoicesStep, { routes: 1 })).result;
    }
    env.company.clock.advance(60);
    return { ...env, customer, invoice };
  }

  describe('invoices', () => {
    it('reads the recent window, then history windows until two are empty, moving its bookmark with each window read', async () => {
      const { company, run, bookmark } = await bench.connect();
      const customer = company.addCustomer({ name: 'Buyer' });
      const invoice = company.addInvoice({ customerId: customer.listId, lines: [{ itemName: 'Consulting', amount: m('40.00') }] });
      const recent = await run(invoicesStep, { routes: 1 });
      expect(recent.requests[0].xml).to.include('<TxnDateRangeFilter>').and.include('<IncludeLineItems>true</IncludeLineItems>');
      expect(recent.routed[0].map((c) => [c.item, c.operation, c.sourceId])).to.deep.equal([['invoice', 'upsert', invoice.txnId]]);
      expect(recent.result).to.deep.include({ done: false, progress: { phase: 'history', percent: 0 } });
      expect(JSON.parse((await bookmark('qbd:invoices'))!)).to.include({ phase: 'history', emptyWindows: 0 });
      await run(invoicesStep, { routes: 1 });
      const last = await run(invoicesStep, { routes: 1 });
      expect(last.result).to.deep.include({ done: true });
      const stored = JSON.parse((await bookmark('qbd:invoices'))!);
      expect(stored.phase).to.equal('incremental');
      expect(Date.parse(stored.latest)).to.equal(invoice.modified.getTime());
    });
  });

  describe('deleted invoices', () => {
    it('routes a delete for an invoice deleted in QuickBooks, and keeps its TimeDeleted as the bookmark', async () => {
      const { company, run, bookmark, invoice } = await withInvoiceRead();
      const deleted = company.deleteTxn('Invoice', invoice.txnId);
      const { routed, result } = await run(deletedInvoicesStep, { routes: 1 });
      expect(routed[0].map((c) => [c.operation, c.sourceId])).to.deep.equal([['delete', invoice.txnId]]);
      expect(result.counts).to.deep.equal({ 'deleted invoices applied': 1 });
      expect(Date.parse((await bookmark('qbd:invoices-deleted'))!)).to.equal(deleted.deleted.getTime());
    });
  });

  describe('invoice balances', () => {
    it('reads payments first, then the invoices they pay, and writes its bookmark only with those invoices', async () => {
      const { company, run, bookmark, customer, invoice } = await withInvoiceRead();
      company.receivePayment({ customerId: customer.listId, totalAmount: m('30.00'), applications: [{ invoiceId: invoice.txnId, amount: m('30.00') }] });
      const payments = await run(invoiceBalancesStep);
      expect(payments.requests.map((r) => r.rqName)).to.deep.equal(['ReceivePaymentQueryRq', 'CreditMemoQueryRq']);
      const state = BALANCES_STATE.decode(payments.result.state!);
      expect(state).to.deep.include({ phase: 'invoices', ids: [invoice.txnId] });
      expect(await bookmark('qbd:invoice-balances'), 'not before the invoices are stored').to.equal(undefined);
      const invoices = await run(invoiceBalancesStep, { routes: 1, state: payments.result.state });
      expect(invoices.requests[0].xml).to.include(`<TxnID>${invoice.txnId}</TxnID>`);
      expect(invoices.routed[0].map((c) => c.sourceId)).to.deep.equal([invoice.txnId]);
      expect(invoices.result).to.deep.equal({ done: true, counts: { 'invoice balances applied': 1 } });
      expect(JSON.parse((await bookmark('qbd:invoice-balances'))!)).to.deep.equal(state.phase === 'invoices' ? state.next : undefined);
    });

    it('starts its first read of payments where the read of the invoices ended, three hours back', async () => {
      const { run, bookmark } = await withInvoiceRead();
      const { requests } = await run(invoiceBalancesStep);
      const invoicesUpTo = JSON.parse((await bookmark('qbd:invoices'))!).latest as string;
      const from = /<FromModifiedDate>([^<]+)<\/FromModifiedDate>/.exec(requests[0].xml)![1];
      expect(Date.parse(from)).to.equal(Date.parse(invoicesUpTo) - 3 * 3600_000);
    });
  });

  describe('deleted payments and credits', () => {
    it('marks the invoices a deleted payment was applied to; the balances step reads them again and unmarks only those it read', async () => {
      const { company, connectionId, run, bookmark, customer, invoice } = await withInvoiceRead();
      const payment = company.receivePayment({
        customerId: customer.listId,
        totalAmount: m('30.00'),
        applications: [{ invoiceId: invoice.txnId, amount: m('30.00') }],
      });
      const balances = await run(invoiceBalancesStep);
      await run(invoiceBalancesStep, { routes: 1, state: balances.result.state }); // the links of the payment are stored
      company.clock.advance(60);
      const deleted = company.deleteTxn('ReceivePayment', payment.txnId);
      const marked = await run(deletedApplicationsStep);
      expect(marked.requests[0].xml).to.include('<TxnDelType>ReceivePayment</TxnDelType>').and.include('<TxnDelType>CreditMemo</TxnDelType>');
      expect(marked.result).to.deep.equal({ done: true, counts: { 'invoices to re-read after deleted payments': 1 } });
      expect(await invoicesToRefresh(bench.em(), connectionId)).to.deep.equal([invoice.txnId]);
      expect(Date.parse((await bookmark('qbd:applications-deleted'))!)).to.equal(deleted.deleted.getTime());

      const again = await run(invoiceBalancesStep);
      expect(BALANCES_STATE.decode(again.result.state!)).to.deep.include({ ids: [invoice.txnId] });
      // Marked while the read is under way (by a write of another call): it must outlive this read.
      await markInvoicesToRefresh(bench.em(), connectionId, ['OTHER-1'], company.clock.now());
      await run(invoiceBalancesStep, { routes: 1, state: again.result.state });
      expect(await invoicesToRefresh(bench.em(), connectionId)).to.deep.equal(['OTHER-1']);
    });
  });

  describe('every request', () => {
    it('is one the qbXML schema accepts', async function () {
      await bench.checkSchema(this);
    });
  });
});
