import { expect } from 'chai';
import { invoicesToRefresh } from '../../../../../adapters/qbd/store/invoices-to-refresh';
import type { Money } from '../../../../../core/values/money';
import { useWriteBench } from './write-bench';

describe('The delete-payment writer, through the outbox step, against a simulated QuickBooks', function () {
  this.timeout(60_000);
  const bench = useWriteBench();

  /** A platform payment written to QuickBooks, then failed on the platform: its delete waits in the outbox. */
  async function withFailedPayment() {
    const env = await bench.books();
    const paymentId = await env.pay('40.00');
    await env.write();
    const paymentTxnId = (await env.rowOf('payment', paymentId, 'receive-payment')).target_id!;
    await env.fail(paymentId);
    const row = await env.rowOf('payment', paymentId, 'delete-payment');
    return { ...env, paymentId, paymentTxnId, row };
  }

  const deletions = (env: Awaited<ReturnType<typeof withFailedPayment>>) => env.company.deletedTxns.filter((d) => d.txnId === env.paymentTxnId);

  it('asks QuickBooks to delete the payment by the TxnID its add was given', async () => {
    const { write, paymentTxnId } = await withFailedPayment();
    const { requests } = await write();
    expect(requests.map((r) => r.rqName)).to.deep.equal(['TxnDelRq']);
    expect(requests[0].xml).to.include('<TxnDelType>ReceivePayment</TxnDelType>').and.include(`<TxnID>${paymentTxnId}</TxnID>`);
  });

  it('settles the row once QuickBooks deleted it, logs the delete, and reads the invoice it paid again', async () => {
    const env = await withFailedPayment();
    const { result } = await env.write();
    expect(result).to.deep.equal({ done: false, counts: { 'payments reverted': 1 } });
    expect(env.company.payments.has(env.paymentTxnId)).to.equal(false);
    expect(await env.reread(env.row.id)).to.deep.include({ state: 'done', message: null });
    expect((await env.logOf(env.paymentId)).at(-1)).to.deep.equal(['delete', 'applied', null]);
    expect(await invoicesToRefresh(bench.em(), env.connectionId)).to.deep.equal([env.invoice.txnId]);
    const view = (await env.call('GET', '/payments', undefined, 200)).items.find((p: { id: string }) => p.id === env.paymentId);
    expect(view.qbd).to.deep.equal({ state: 'reverted' });
  });

  it('tells the partner to record a return when QuickBooks refuses because the payment was deposited there by hand', async () => {
    const env = await withFailedPayment();
    const checking = [...env.company.accounts.values()].find((a) => a.name === 'Checking')!;
    env.company.addDeposit({ depositToAccountId: checking.listId, lines: [{ paymentId: env.paymentTxnId }] });
    const { result } = await env.write();
    expect(result).to.deep.equal({ done: false, counts: { 'payments needing action': 1 } });
    const settled = await env.reread(env.row.id);
    expect(settled.state).to.equal('needs-action');
    expect(settled.message).to.match(/^This payment failed in Alternative, but QuickBooks has already deposited it, so it was not deleted/);
    expect(env.company.payments.has(env.paymentTxnId)).to.equal(true);
    expect((await env.logOf(env.paymentId)).at(-1)).to.deep.equal(['delete', 'failed', settled.message]);
  });

  it('sends the delete again after a lost answer (a delete has nothing of ours to look up), and settles when QuickBooks no longer has the payment', async () => {
    const env = await withFailedPayment();
    await env.loseWrite();
    expect(await env.reread(env.row.id)).to.deep.include({ state: 'sent', request_kind: 'delete' });
    expect(deletions(env)).to.have.length(1);
    const again = await env.write();
    expect(again.requests.map((r) => r.rqName)).to.deep.equal(['TxnDelRq']);
    expect(again.result).to.deep.equal({ done: false, counts: { 'payments reverted': 1 } });
    expect(await env.reread(env.row.id)).to.deep.include({ state: 'done' });
    expect(deletions(env), 'deleted once').to.have.length(1);
  });

  it('asks the partner to check QuickBooks by hand when QuickBooks had refused the payment itself', async () => {
    const env = await bench.books();
    const paymentId = await env.pay('40.00');
    env.company.receivePayment({
      customerId: env.customer.listId,
      totalAmount: '100.00' as Money,
      applications: [{ invoiceId: env.invoice.txnId, amount: '100.00' as Money }],
    });
    await env.write();
    await env.fail(paymentId);
    expect(await env.ask()).to.equal(undefined);
    expect(await env.rowOf('payment', paymentId, 'delete-payment')).to.deep.include({
      state: 'needs-action',
      message: 'This payment failed. QuickBooks never took it from us; if you recorded it in QuickBooks by hand, delete it there.',
    });
  });

  it('cancels the add instead when the look-up after a lost answer shows the payment never reached QuickBooks, and deletes nothing', async () => {
    const env = await bench.books();
    const paymentId = await env.pay('40.00');
    await env.ask(); // the add was handed out, but QuickBooks never had it
    await env.fail(paymentId);
    const lookup = await env.write();
    expect(lookup.requests.map((r) => r.rqName)).to.deep.equal(['ReceivePaymentQueryRq']);
    expect(await env.ask(), 'nothing left to send').to.equal(undefined);
    expect(await env.rowOf('payment', paymentId, 'receive-payment')).to.deep.include({ state: 'cancelled' });
    expect(await env.rowOf('payment', paymentId, 'delete-payment')).to.deep.include({
      state: 'done',
      message: 'Nothing reached QuickBooks, so there was nothing to undo.',
    });
    expect(env.company.deletedTxns).to.have.length(0);
  });

  describe('every request', () => {
    it('is one the qbXML schema accepts', async function () {
      await bench.checkSchema(this);
    });
  });
});
