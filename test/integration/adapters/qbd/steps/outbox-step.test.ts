import { expect } from 'chai';
import { invoiceEditTargetOf } from '../../../../../adapters/qbd/qbwc/steps/invoice-edit-write';
import { operationRef } from '../../../../../adapters/qbd/qbwc/writers/receive-payment-writer';
import { SENDS_INVOICES, sendsInvoicesConfig, useWriteBench } from '../writers/write-bench';

describe('The outbox step on its own, against a simulated QuickBooks', function () {
  this.timeout(60_000);
  const bench = useWriteBench(sendsInvoicesConfig());
  const books = (accounts?: { payments?: boolean; deposits?: boolean }) => bench.books({ partnerId: SENDS_INVOICES, accounts });
  const names = (run: { requests: readonly { rqName: string }[] }) => run.requests.map((r) => r.rqName);

  it('asks nothing, and shows no problem, when the outbox is empty', async () => {
    const { ask, lastError } = await books();
    expect(await ask()).to.equal(undefined);
    expect(await lastError()).to.equal(null);
  });

  it('takes the writes in the order the outbox took them, one per request', async () => {
    const { pay, payout, write, rowOf } = await books();
    const first = await pay('10.00');
    const second = await pay('20.00');
    await payout([first, second]);
    const sent = [await write(), await write(), await write()];
    expect(sent.map((s) => s.requests.map((r) => r.rqName)).flat()).to.deep.equal(['ReceivePaymentAddRq', 'ReceivePaymentAddRq', 'DepositAddRq']);
    expect(sent[0].requests[0].xml).to.include(operationRef((await rowOf('payment', first, 'receive-payment')).id));
    expect(sent[1].requests[0].xml).to.include(operationRef((await rowOf('payment', second, 'receive-payment')).id));
  });

  it('holds an edit of a platform invoice while its add is open, and sends it after, to the TxnID the add got', async () => {
    const env = await books();
    const created = await env.call(
      'POST',
      '/invoices',
      {
        customerId: env.platformCustomer.id,
        date: '2026-11-20',
        lines: [{ item: 'Consulting', description: 'Setup', amount: '300.00' }],
      },
      201,
    );
    await env.ask(); // the add goes out; its answer never comes
    await env.call('PATCH', `/invoices/${created.id}`, { dueDate: '2027-02-01' }, 200);
    const edit = await env.rowOf('invoice', created.id, 'invoice-mod');
    expect(await invoiceEditTargetOf(bench.em(), edit)).to.equal('wait');
    const order = [];
    for (let i = 0; i < 4; i++) order.push(...names(await env.write()));
    expect(order).to.deep.equal(['InvoiceQueryRq', 'InvoiceAddRq', 'InvoiceQueryRq', 'InvoiceModRq']);
    const added = (await env.rowOf('invoice', created.id, 'invoice-add')).target_id!;
    expect(await env.reread(edit.id)).to.deep.include({ state: 'done', target_id: added });
    expect(env.company.invoice(added).dueDate).to.equal('2027-02-01');
    expect(await env.ask()).to.equal(undefined);
  });

  it('passes over a write that must wait (a payout before its bank is chosen) and sends the writes behind it', async () => {
    const { pay, payout, write, ask, rowOf, lastError, choose } = await books({ payments: true });
    const paid = await pay('10.00');
    await write();
    const payoutId = await payout([paid]);
    const later = await pay('20.00');
    const next = await write();
    expect(names(next)).to.deep.equal(['ReceivePaymentAddRq']);
    expect(next.requests[0].xml).to.include(operationRef((await rowOf('payment', later, 'receive-payment')).id));
    expect(await ask()).to.equal(undefined);
    expect((await rowOf('deposit', payoutId, 'deposit')).state).to.equal('pending');
    expect(await lastError()).to.deep.include({ code: 'CHOOSE_DEPOSIT_ACCOUNT' });
    await choose({ deposits: true });
    expect(names(await write())).to.deep.equal(['DepositAddRq']);
  });

  it('leaves payments out until their account is chosen, and still sends the writes that need no account', async () => {
    const env = await books({});
    await env.pay('10.00');
    await env.call('PATCH', `/invoices/${env.platformInvoice.id}`, { dueDate: '2027-03-01' }, 200);
    expect(names(await env.write())).to.deep.equal(['InvoiceQueryRq']);
    expect(await env.lastError()).to.deep.include({ code: 'CHOOSE_PAYMENT_ACCOUNT' });
    expect(names(await env.write())).to.deep.equal(['InvoiceModRq']);
    expect(await env.ask()).to.equal(undefined);
  });

  describe('every request', () => {
    it('is one the qbXML schema accepts', async function () {
      await bench.checkSchema(this);
    });
  });
});
