import { expect } from 'chai';
import { createPayment } from '../../../../adapters/alternative/store/payment-ledger';
import { alreadyPaidOut, createPayout, payoutsOf } from '../../../../adapters/alternative/store/payout-ledger';
import type { Connection } from '../../../../core/store/entities/connection';
import { useLedger } from './ledger-fixture';

describe('The payout ledger (alt_payout, alt_payout_payment)', function () {
  this.timeout(30_000);
  const ledger = useLedger();
  const { em, clock } = ledger;

  async function payments(c: Connection, amounts: string[]): Promise<string[]> {
    const invoice = await ledger.quickBooksInvoice(c, '1000.00');
    const ids: string[] = [];
    for (const amount of amounts)
      ids.push(await createPayment(em(), { connectionId: c.id, invoiceId: invoice.id, amount, receivedOn: '2026-11-21', now: clock.read() }));
    return ids;
  }

  it('stores a payout with its exact total and every payment it carries', async () => {
    const c = await ledger.connection();
    const ids = await payments(c, ['0.10', '0.20', '100.00']);
    const id = await createPayout(em(), { connectionId: c.id, paidOn: '2026-11-24', total: '100.30', paymentIds: ids, now: clock.read() });
    const [payout] = await payoutsOf(em(), c.id, 10);
    expect(payout).to.deep.include({ id, paid_on: '2026-11-24', total: '100.30' });
    expect(payout.payment_ids).to.deep.equal([...ids].sort());
  });

  it('tells which of the given payments are already paid out', async () => {
    const c = await ledger.connection();
    const [paid, free] = await payments(c, ['1.00', '2.00']);
    await createPayout(em(), { connectionId: c.id, paidOn: '2026-11-24', total: '1.00', paymentIds: [paid], now: clock.read() });
    expect(await alreadyPaidOut(em(), [paid, free])).to.deep.equal([paid]);
    expect(await alreadyPaidOut(em(), [])).to.deep.equal([]);
  });

  it("pages payouts newest first, and never lists another connection's", async () => {
    const c = await ledger.connection();
    const [a, b] = await payments(c, ['1.00', '2.00']);
    const first = await createPayout(em(), { connectionId: c.id, paidOn: '2026-11-24', total: '1.00', paymentIds: [a], now: clock.read() });
    clock.now += 1000;
    const second = await createPayout(em(), { connectionId: c.id, paidOn: '2026-11-25', total: '2.00', paymentIds: [b], now: clock.read() });
    const page = await payoutsOf(em(), c.id, 1);
    expect(page.map((p) => p.id)).to.deep.equal([second]);
    expect((await payoutsOf(em(), c.id, 1, { createdAt: page[0].created_key, id: page[0].id })).map((p) => p.id)).to.deep.equal([first]);
    expect(await payoutsOf(em(), (await ledger.connection()).id, 10)).to.deep.equal([]);
  });
});
