import { expect } from 'chai';
import type { Newable } from 'inversify';
import { InvoiceWrites } from '../../../../adapters/alternative/services/invoice-writes';
import { PaymentWrites } from '../../../../adapters/alternative/services/payment-writes';
import { PayoutWrites } from '../../../../adapters/alternative/services/payout-writes';
import { alreadyPaidOut } from '../../../../adapters/alternative/store/payout-ledger';
import type { Connection } from '../../../../core/store/entities/connection';
import type { LocalDate } from '../../../../core/values/instant';
import { parseMoney } from '../../../../core/values/money';
import { refusal, useLedger } from './ledger-fixture';

describe('PayoutWrites', function () {
  this.timeout(30_000);
  const ledger = useLedger();
  const { em, clock } = ledger;
  const get = <T>(service: Newable<T>) => ledger.service.current.service.container.get(service);
  const payout = (c: Connection, paymentIds: string[], date?: LocalDate) => get(PayoutWrites).create(em(), c, { paymentIds, date }, clock.read());

  /** Succeeded payments of the amounts: on a QuickBooks invoice (they flow on), or on a platform-only one (kept). */
  async function paid(c: Connection, amounts: string[], kept = false): Promise<string[]> {
    const invoiceId = kept
      ? await get(InvoiceWrites).create(
          em(),
          c,
          { customerId: await ledger.customer(c), lines: [{ description: 'Work', amount: parseMoney('1000.00') }] },
          clock.read(),
        )
      : (await ledger.quickBooksInvoice(c, '1000.00')).id;
    const ids: string[] = [];
    for (const amount of amounts) ids.push(await get(PaymentWrites).record(em(), c, { invoiceId, amount: parseMoney(amount) }, clock.read()));
    return ids;
  }

  it('totals the payments exactly and, when all stayed on the platform, needs no deposit', async () => {
    const c = await ledger.connection();
    const made = await payout(c, await paid(c, ['0.10', '0.20'], true), '2026-11-24' as LocalDate);
    expect(made).to.deep.include({ paidOn: '2026-11-24', total: '0.30' });
    expect(made.deposit).to.deep.equal({
      needed: false,
      message: 'Its payments stayed on the platform (their invoices exist only there), so QuickBooks needs no deposit for them.',
    });
  });

  it('sends a deposit of the payments that flowed on, saying how many stayed, dated today unless told', async () => {
    const c = await ledger.connection();
    const flowed = await paid(c, ['10.00', '0.01']);
    const kept = await paid(c, ['5.00'], true);
    const made = await payout(c, [...flowed, ...kept]);
    expect(made).to.deep.include({ paidOn: '2026-11-25', total: '15.01' });
    expect(made.deposit.needed).to.equal(true);
    expect(made.deposit.message).to.match(/ 1 of its payments stayed on the platform, so the deposit is 10\.01\.$/);
  });

  it('refuses empty, repeated, malformed, failed, foreign and already paid-out payments, writing nothing', async () => {
    const c = await ledger.connection();
    const [a, b] = await paid(c, ['1.00', '2.00']);
    const [theirs] = await paid(await ledger.connection(), ['3.00']);
    await get(PaymentWrites).fail(em(), await ledger.partnerOf(c), b, clock.read());
    expect((await refusal(payout(c, []))).message).to.equal('paymentIds must name one or more different payments.');
    expect((await refusal(payout(c, [a, a]))).message).to.equal('paymentIds must name one or more different payments.');
    expect((await refusal(payout(c, ['x1', a]))).message).to.equal('paymentIds: not payment ids: x1.');
    expect((await refusal(payout(c, [a, b, theirs]))).message).to.equal(`paymentIds: not succeeded payments of this connection: ${b}, ${theirs}.`);
    expect(await ledger.count('alt_payout', c)).to.equal(0);
    await payout(c, [a]);
    expect((await refusal(payout(c, [a]))).message).to.equal(`paymentIds: already paid out: ${a}.`);
    expect(await ledger.count('alt_payout', c)).to.equal(1);
    expect(await alreadyPaidOut(em(), [a, b])).to.deep.equal([a]);
  });
});
