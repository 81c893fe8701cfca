import { expect } from 'chai';
import { createPayment } from '../../../../adapters/alternative/store/payment-ledger';
import { createPayout } from '../../../../adapters/alternative/store/payout-ledger';
import { labelKey, recordLabels } from '../../../../adapters/alternative/store/record-labels';
import { createOwnInvoice } from '../../../../adapters/alternative/store/own-invoices';
import { ALTERNATIVE_SYSTEM } from '../../../../adapters/alternative/alternative-system';
import { parseMoney } from '../../../../core/values/money';
import { qbdInvoice, useLedger } from './ledger-fixture';

describe("The sync log's record labels", function () {
  this.timeout(30_000);
  const ledger = useLedger();
  const { em, clock } = ledger;

  it('names invoices by either id, customers, payments and payouts, with their customers and exact amounts, and leaves unknown ids out', async () => {
    const c = await ledger.connection();
    const customerId = await ledger.customer(c, 'Café Ñandú & Sons');
    const invoice = { ...qbdInvoice('unused', customerId, '1250.40'), number: 'P-1042' };
    const invoiceId = await createOwnInvoice(em(), { connectionId: c.id, system: ALTERNATIVE_SYSTEM, invoice, now: clock.read() });
    const qbd = await ledger.quickBooksInvoice(c, '0.30', { number: undefined });
    const paymentId = await createPayment(em(), { connectionId: c.id, invoiceId, amount: '125.00', receivedOn: '2026-11-21', now: clock.read() });
    const payoutId = await createPayout(em(), {
      connectionId: c.id,
      paidOn: '2026-11-24',
      total: parseMoney('125.00'),
      paymentIds: [paymentId],
      now: clock.read(),
    });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const labels = await recordLabels(em(), c.id, [
      { item: 'invoice', sourceId: invoiceId },
      { item: 'invoice', sourceId: qbd.source_id },
      { item: 'customer', sourceId: customerId },
      { item: 'payment', sourceId: paymentId },
      { item: 'payment', sourceId: 'not-a-uuid' },
      { item: 'deposit', sourceId: payoutId },
      { item: 'invoice', sourceId: unknown },
    ]);
    expect(labels.get(labelKey('invoice', invoiceId))).to.deep.equal({ name: 'P-1042', customer: 'Café Ñandú & Sons', amount: '1250.40' });
    expect(labels.get(labelKey('invoice', qbd.source_id))).to.deep.equal(labels.get(labelKey('invoice', qbd.id)));
    expect(labels.get(labelKey('invoice', qbd.id))).to.deep.equal({ name: 'without a number', customer: undefined, amount: '0.30' });
    expect(labels.get(labelKey('customer', customerId))).to.deep.equal({ name: 'Café Ñandú & Sons' });
    expect(labels.get(labelKey('payment', paymentId))).to.deep.equal({ name: 'P-1042', customer: 'Café Ñandú & Sons', amount: '125.00', date: '2026-11-21' });
    expect(labels.get(labelKey('deposit', payoutId))).to.deep.equal({ name: '2026-11-24', amount: '125.00', date: '2026-11-24' });
    expect(labels.has(labelKey('invoice', unknown))).to.equal(false);
    expect(labels.has(labelKey('payment', 'not-a-uuid'))).to.equal(false);
  });

  it("names nothing of another connection's records", async () => {
    const c = await ledger.connection();
    const theirs = await ledger.quickBooksInvoice(await ledger.connection(), '9.99');
    expect((await recordLabels(em(), c.id, [{ item: 'invoice', sourceId: theirs.id }])).size).to.equal(0);
  });
});
