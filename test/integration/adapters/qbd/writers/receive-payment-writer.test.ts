import { expect } from 'chai';
import { operationRef } from '../../../../../adapters/qbd/qbwc/writers/receive-payment-writer';
import type { Money } from '../../../../../core/values/money';
import { TODAY, useWriteBench } from './write-bench';

const ours = (company: { payments: Map<string, { refNumber?: string }> }, rowId: string) =>
  [...company.payments.values()].filter((p) => p.refNumber === operationRef(rowId));

describe('The receive-payment writer, through the outbox step, against a simulated QuickBooks', function () {
  this.timeout(60_000);
  const bench = useWriteBench();

  /** Books with a platform payment of 40.00 on the QuickBooks invoice, waiting in the outbox. */
  async function withPayment() {
    const env = await bench.books();
    const paymentId = await env.pay('40.00');
    const row = await env.rowOf('payment', paymentId, 'receive-payment');
    return { ...env, paymentId, row };
  }

  it('asks QuickBooks for a ReceivePayment applied to the invoice, carrying our operation id as RefNumber and ExternalGUID', async () => {
    const { write, row, customer, invoice, company } = await withPayment();
    const { requests } = await write();
    expect(requests.map((r) => r.rqName)).to.deep.equal(['ReceivePaymentAddRq']);
    const xml = requests[0].xml;
    const undeposited = [...company.accounts.values()].find((a) => a.name === 'Undeposited Funds')!;
    expect(xml).to.include(`<CustomerRef><ListID>${customer.listId}</ListID></CustomerRef>`);
    expect(xml)
      .to.include(`<TxnDate>${TODAY}</TxnDate>`)
      .and.include(`<RefNumber>${operationRef(row.id)}</RefNumber>`);
    expect(xml).to.include('<TotalAmount>40.00</TotalAmount>');
    expect(xml).to.include(`<DepositToAccountRef><ListID>${undeposited.listId}</ListID></DepositToAccountRef>`);
    expect(xml).to.include(`<ExternalGUID>{${row.id.toUpperCase()}}</ExternalGUID>`);
    expect(xml).to.match(new RegExp(`<AppliedToTxnAdd>\\s*<TxnID>${invoice.txnId}</TxnID>\\s*<PaymentAmount>40.00</PaymentAmount>`));
  });

  it("settles the row with QuickBooks' TxnID on success, logs the add and shows the payment synced", async () => {
    const { write, row, reread, company, logOf, paymentId, call } = await withPayment();
    const { result } = await write();
    const [added] = ours(company, row.id);
    expect(result).to.deep.equal({ done: false, counts: { 'payments sent': 1 } });
    expect(await reread(row.id)).to.deep.include({ state: 'done', target_id: (added as { txnId: string }).txnId, message: null });
    expect((await logOf(paymentId)).at(-1)).to.deep.equal(['add', 'applied', null]);
    const view = (await call('GET', '/payments', undefined, 200)).items.find((p: { id: string }) => p.id === paymentId);
    expect(view.qbd).to.deep.equal({ state: 'synced', txnId: (added as { txnId: string }).txnId });
  });

  it('asks the partner to reconcile when QuickBooks refuses the payment because the invoice was paid there meanwhile', async () => {
    const { write, row, reread, company, customer, invoice, logOf, paymentId } = await withPayment();
    company.receivePayment({
      customerId: customer.listId,
      totalAmount: '100.00' as Money,
      applications: [{ invoiceId: invoice.txnId, amount: '100.00' as Money }],
    });
    const { result } = await write();
    expect(result).to.deep.equal({ done: false, counts: { 'payments needing action': 1 } });
    const settled = await reread(row.id);
    expect(settled.state).to.equal('needs-action');
    expect(settled.message).to.match(/^Reconciliation needed: the invoice was paid, changed or removed in QuickBooks.* QuickBooks refused it \(3210\): /);
    expect(ours(company, row.id)).to.have.length(0);
    expect((await logOf(paymentId)).at(-1)).to.deep.equal(['add', 'failed', settled.message]);
  });

  it('keeps the row for the next session, and stops writing, while QuickBooks is locked', async () => {
    const { write, row, reread, quickBooks } = await withPayment();
    quickBooks.misbehaviour.lockNextWrites = 1;
    const { result } = await write();
    expect(result).to.deep.equal({ done: true, counts: { 'writes postponed (QuickBooks busy)': 1 } });
    expect(await reread(row.id)).to.deep.include({
      state: 'pending',
      message: `QuickBooks refused it (3180): ${'There was an error when saving. QuickBooks error message: This list has been modified by another user.'}`,
    });
    expect(
      (await write()).requests.map((r) => r.rqName),
      'sent again at the next session',
    ).to.deep.equal(['ReceivePaymentAddRq']);
  });

  describe('after a lost answer', () => {
    it('looks the payment up by its RefNumber and settles the row with the one QuickBooks wrote, never sending it again', async () => {
      const { loseWrite, write, row, reread, company } = await withPayment();
      await loseWrite();
      expect(await reread(row.id)).to.deep.include({ state: 'sent', request_kind: 'add' });
      const [written] = ours(company, row.id) as { txnId: string }[];
      const lookup = await write();
      expect(lookup.requests.map((r) => r.rqName)).to.deep.equal(['ReceivePaymentQueryRq']);
      expect(lookup.requests[0].xml).to.include(`<RefNumber>${operationRef(row.id)}</RefNumber>`);
      expect(lookup.result).to.deep.equal({ done: false, counts: { 'payments found after a lost answer': 1 } });
      expect(await reread(row.id)).to.deep.include({ state: 'done', target_id: written.txnId, message: 'Found in QuickBooks after a lost answer.' });
      expect(ours(company, row.id)).to.have.length(1);
    });

    it('sends the payment once the look-up finds that the request never reached QuickBooks', async () => {
      const { ask, write, row, reread, company } = await withPayment();
      await ask(); // handed out; the connection dropped before QuickBooks had it
      const lookup = await write();
      expect(lookup.result).to.deep.equal({ done: false, counts: { 'payments found after a lost answer': 0 } });
      expect((await reread(row.id)).state).to.equal('pending');
      expect((await write()).requests.map((r) => r.rqName)).to.deep.equal(['ReceivePaymentAddRq']);
      expect(ours(company, row.id)).to.have.length(1);
    });

    it('keeps the row sent when QuickBooks cannot run the look-up, rather than guess', async () => {
      const { loseWrite, write, row, reread, quickBooks, company } = await withPayment();
      await loseWrite();
      quickBooks.misbehaviour.failNextRequestOf = 'ReceivePaymentQueryRq';
      let failure: Error | undefined;
      await write().catch((error: Error) => (failure = error));
      expect(failure?.message).to.match(/^QuickBooks could not look up a payment whose answer was lost: QuickBooks refused it \(1000\)/);
      expect((await reread(row.id)).state).to.equal('sent');
      expect((await write()).result.counts).to.deep.equal({ 'payments found after a lost answer': 1 });
      expect(ours(company, row.id)).to.have.length(1);
    });
  });

  it('holds payments back, and says why, until the partner chooses the account they go to', async () => {
    const env = await bench.books({ accounts: {} });
    const paymentId = await env.pay('40.00');
    expect(await env.ask()).to.equal(undefined);
    expect(await env.lastError()).to.deep.include({ code: 'CHOOSE_PAYMENT_ACCOUNT' });
    expect((await env.rowOf('payment', paymentId, 'receive-payment')).state).to.equal('pending');
    await env.choose({ payments: true });
    expect((await env.write()).requests.map((r) => r.rqName)).to.deep.equal(['ReceivePaymentAddRq']);
  });

  describe('every request', () => {
    it('is one the qbXML schema accepts', async function () {
      await bench.checkSchema(this);
    });
  });
});
