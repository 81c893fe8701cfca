import { expect } from 'chai';
import {
  createPayment,
  lockInvoiceToPay,
  markPaymentFailed,
  paymentById,
  paymentsByIds,
  paymentsOf,
  releaseKeptPayments,
  unreflectedPayments,
} from '../../../../adapters/alternative/store/payment-ledger';
import type { Connection } from '../../../../core/store/entities/connection';
import type { EntityManager } from '@mikro-orm/postgresql';
import { useLedger } from './ledger-fixture';

describe('The payment ledger (alt_payment)', function () {
  this.timeout(30_000);
  const ledger = useLedger();
  const { em, clock } = ledger;
  const pay = (c: Connection, invoiceId: string, amount: string, keptReason?: string) =>
    createPayment(em(), { connectionId: c.id, invoiceId, amount, receivedOn: '2026-11-21', method: 'card', reference: 'ch_1', keptReason, now: clock.read() });

  it('stores a payment as given, its amount an exact decimal string', async () => {
    const c = await ledger.connection();
    const invoice = await ledger.quickBooksInvoice(c, '100.00');
    const id = await pay(c, invoice.id, '33.33');
    expect(await paymentById(em(), id)).to.deep.include({
      connection_id: c.id,
      invoice_id: invoice.id,
      amount: '33.33',
      received_on: '2026-11-21',
      method: 'card',
      reference: 'ch_1',
      status: 'succeeded',
      kept_reason: null,
    });
  });

  it('sums the succeeded payments QuickBooks has not shown yet to the cent, leaving out kept and failed ones', async () => {
    const c = await ledger.connection();
    const invoice = await ledger.quickBooksInvoice(c, '100.00');
    await pay(c, invoice.id, '0.10');
    await pay(c, invoice.id, '0.20');
    await pay(c, invoice.id, '5.00', 'kept here');
    const failed = await pay(c, invoice.id, '7.00');
    await markPaymentFailed(em(), failed, clock.read());
    expect(await unreflectedPayments(em(), invoice.id)).to.equal('0.30');
    expect(await em().transactional(async (tx) => (await lockInvoiceToPay(tx as EntityManager, c.id, invoice.id))!.unreflected)).to.equal('0.30');
    expect(await lockInvoiceToPay(em(), (await ledger.connection()).id, invoice.id), "another connection's invoice").to.equal(undefined);
  });

  it('fails a payment once: a second fail changes nothing and says so', async () => {
    const c = await ledger.connection();
    const id = await pay(c, (await ledger.quickBooksInvoice(c, '10.00')).id, '10.00');
    expect(await markPaymentFailed(em(), id, clock.read())).to.equal(true);
    expect(await markPaymentFailed(em(), id, clock.read())).to.equal(false);
    expect((await paymentById(em(), id))!.status).to.equal('failed');
  });

  it("finds a connection's payments by id, leaving out other connections' payments and unknown ids", async () => {
    const c = await ledger.connection();
    const other = await ledger.connection();
    const mine = await pay(c, (await ledger.quickBooksInvoice(c, '10.00')).id, '1.00');
    const theirs = await pay(other, (await ledger.quickBooksInvoice(other, '10.00')).id, '1.00');
    const found = await em().transactional((tx) => paymentsByIds(tx as EntityManager, c.id, [mine, theirs, '00000000-0000-4000-8000-000000000000']));
    expect([...found.keys()]).to.deep.equal([mine]);
  });

  it('pages payments newest first', async () => {
    const c = await ledger.connection();
    const invoice = await ledger.quickBooksInvoice(c, '10.00');
    const first = await pay(c, invoice.id, '1.00');
    clock.now += 1000;
    const second = await pay(c, invoice.id, '2.00');
    const page = await paymentsOf(em(), c.id, 1);
    expect(page.map((p) => p.id)).to.deep.equal([second]);
    const next = await paymentsOf(em(), c.id, 1, { createdAt: page[0].created_key, id: page[0].id });
    expect(next.map((p) => p.id)).to.deep.equal([first]);
    expect(await paymentsOf(em(), c.id, 1, { createdAt: next[0].created_key, id: next[0].id })).to.deep.equal([]);
  });

  it('releases the kept succeeded payments of an invoice once, so they count as not yet shown', async () => {
    const c = await ledger.connection();
    const invoice = await ledger.quickBooksInvoice(c, '10.00');
    const kept = await pay(c, invoice.id, '2.50', 'kept here');
    const keptFailed = await pay(c, invoice.id, '1.00', 'kept here');
    await markPaymentFailed(em(), keptFailed, clock.read());
    expect(await unreflectedPayments(em(), invoice.id)).to.equal('0.00');
    const released = await releaseKeptPayments(em(), invoice.id, clock.read());
    expect(released.map((p) => [p.id, p.amount, p.kept_reason])).to.deep.equal([[kept, '2.50', null]]);
    expect(await unreflectedPayments(em(), invoice.id)).to.equal('2.50');
    expect(await releaseKeptPayments(em(), invoice.id, clock.read())).to.deep.equal([]);
  });
});
