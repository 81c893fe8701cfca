import { expect } from 'chai';
import { Money } from '../../../../core/values/money';
import { extendedAmount } from '../../../simulators/qbd/invoice-lines';
import { RequestNode, children, text } from '../../../simulators/qbd/request-node';
import { GUID, books } from './books';
import { invoiceAdd, invoiceMod, invoiceQuery } from './hand-requests';
import { ask1, exchange, namesOf, retOf, statusOf } from './qbxml-exchange';

const m = (s: string) => s as Money;
const lineRows = (ret: RequestNode) =>
  children(ret, 'InvoiceLineRet').map((l) => [text(l, 'TxnLineID'), text(l, 'Desc'), text(l, 'Quantity'), text(l, 'Rate'), text(l, 'Amount')]);

describe('InvoiceAddRq and InvoiceModRq in the simulated company', () => {
  describe('InvoiceAddRq', () => {
    it('adds an invoice with its lines and ExternalGUID, answering an InvoiceRet in schema order', async () => {
      const { sim, company, customer, clock } = books();
      const rs = await ask1(
        sim,
        invoiceAdd('inv', {
          customer: { listId: customer.listId },
          txnDate: '2026-11-01',
          refNumber: 'EXT-1',
          dueDate: '2026-12-01',
          memo: 'From the platform',
          externalGuid: GUID,
          lines: [
            { item: 'Services', desc: 'Setup', quantity: '2', rate: '37.50' },
            { item: 'consulting', desc: 'Advice', amount: '25.00' },
            { desc: 'Thank you' },
          ],
        }),
      );
      expect(statusOf(rs).code).to.equal(0);
      const ret = retOf(rs);
      expect(namesOf(ret)).to.deep.equal([
        'TxnID',
        'TimeCreated',
        'TimeModified',
        'EditSequence',
        'TxnNumber',
        'CustomerRef',
        'ARAccountRef',
        'TxnDate',
        'RefNumber',
        'IsPending',
        'DueDate',
        'Subtotal',
        'SalesTaxTotal',
        'AppliedAmount',
        'BalanceRemaining',
        'Memo',
        'IsPaid',
        'ExternalGUID',
        'InvoiceLineRet',
        'InvoiceLineRet',
        'InvoiceLineRet',
      ]);
      expect(['RefNumber', 'DueDate', 'Subtotal', 'BalanceRemaining', 'ExternalGUID'].map((n) => text(ret, n))).to.deep.equal([
        'EXT-1',
        '2026-12-01',
        '100.00',
        '100.00',
        GUID,
      ]);
      expect(text(ret, 'TimeCreated')).to.equal(clock.format(clock.now()));
      expect(text(ret, 'TimeModified')).to.equal(text(ret, 'TimeCreated'));
      expect(lineRows(ret).map((r) => r.slice(1))).to.deep.equal([
        ['Setup', '2', '37.50', '75.00'],
        ['Advice', undefined, undefined, '25.00'],
        ['Thank you', undefined, undefined, '0.00'],
      ]);
      expect(children(ret, 'InvoiceLineRet').map((l) => children(l, 'ItemRef').map((r) => text(r, 'FullName'))[0])).to.deep.equal([
        'Services',
        'Consulting',
        undefined,
      ]);
      const stored = company.invoice(text(ret, 'TxnID')!);
      expect([stored.externalGuid, company.customerBalance(customer.listId)]).to.deep.equal([GUID, '100.00']);
    });

    it('computes quantity × rate exactly, rounding half a cent away from zero', () => {
      expect([
        extendedAmount('3', '33.33333'),
        extendedAmount('0.5', '0.01'),
        extendedAmount('-0.5', '0.01'),
        extendedAmount(undefined, '19.99'),
        extendedAmount('1.5', '0.29999'),
      ]).to.deep.equal(['100.00', '0.01', '-0.01', '19.99', '0.45']);
    });

    it('refuses a given Amount that is not quantity × rate (3210), an unknown item (3140) and a priced line without an item (3210)', async () => {
      const { sim, company, customer } = books();
      const c = { listId: customer.listId };
      const [mismatch, unknown, noItem] = await exchange(
        sim,
        invoiceAdd('mismatch', { customer: c, lines: [{ item: 'Services', quantity: '3', rate: '10.00', amount: '31.00' }] }),
        invoiceAdd('unknown', { customer: c, lines: [{ item: 'Gizmo', amount: '5.00' }] }),
        invoiceAdd('no-item', { customer: c, lines: [{ desc: 'Something', amount: '5.00' }] }),
      );
      expect([statusOf(mismatch).code, statusOf(unknown).code, statusOf(noItem).code]).to.deep.equal([3210, 3140, 3210]);
      expect(statusOf(unknown).message).to.include('"Gizmo"');
      expect(company.invoices.size).to.equal(0);
    });
  });

  describe('InvoiceModRq', () => {
    async function added() {
      const env = books();
      const ret = retOf(
        await ask1(
          env.sim,
          invoiceAdd('inv', {
            customer: { listId: env.customer.listId },
            refNumber: 'EXT-1',
            memo: 'first',
            lines: [
              { item: 'Services', desc: 'A', quantity: '2', rate: '10.00' },
              { item: 'Services', desc: 'B', amount: '30.00' },
              { item: 'Design', desc: 'C', amount: '40.00' },
            ],
          }),
        ),
      );
      const invoice = env.company.invoice(text(ret, 'TxnID')!);
      env.clock.advance(60);
      return { ...env, invoice, lineIds: invoice.lines.map((l) => l.txnLineId) };
    }

    it('changes simple fields and keeps the lines when no line is given, with a new TimeModified and EditSequence', async () => {
      const { sim, invoice, lineIds } = await added();
      const before = invoice.editSequence;
      const ret = retOf(
        await ask1(
          sim,
          invoiceMod('mod', { txnId: invoice.txnId, editSequence: invoice.editSequence, refNumber: 'EXT-2', dueDate: '2027-01-31', memo: 'second' }),
        ),
      );
      expect(['RefNumber', 'DueDate', 'Memo', 'Subtotal'].map((n) => text(ret, n))).to.deep.equal(['EXT-2', '2027-01-31', 'second', '90.00']);
      expect(lineRows(ret).map((r) => r[0])).to.deep.equal(lineIds);
      expect(text(ret, 'EditSequence')).not.to.equal(before);
      expect(text(ret, 'TimeModified')).not.to.equal(text(ret, 'TimeCreated'));
    });

    it('deletes the lines not listed, adds "-1" lines and keeps what a listed line does not change', async () => {
      const { sim, invoice, lineIds } = await added();
      const ret = retOf(
        await ask1(
          sim,
          invoiceMod('mod', {
            txnId: invoice.txnId,
            editSequence: invoice.editSequence,
            lines: [
              { txnLineId: lineIds[2], desc: 'C, renamed' },
              { txnLineId: lineIds[0], quantity: '3' },
              { txnLineId: '-1', item: 'Support', desc: 'D', quantity: '1', rate: '5.00' },
            ],
          }),
        ),
      );
      const rows = lineRows(ret);
      expect(rows.map((r) => r.slice(1))).to.deep.equal([
        ['C, renamed', undefined, undefined, '40.00'],
        ['A', '3', '10.00', '30.00'],
        ['D', '1', '5.00', '5.00'],
      ]);
      expect(rows.slice(0, 2).map((r) => r[0])).to.deep.equal([lineIds[2], lineIds[0]]);
      expect(lineIds).not.to.include(rows[2][0]);
      expect(text(ret, 'Subtotal')).to.equal('75.00');
    });

    it('refuses a stale EditSequence (3200) and a total below what is applied (3210), changing nothing', async () => {
      const { sim, company, invoice, lineIds, customer } = await added();
      company.receivePayment({ customerId: customer.listId, totalAmount: m('80.00'), applications: [{ invoiceId: invoice.txnId, amount: m('80.00') }] });
      const stale = invoice.editSequence;
      const below = await ask1(
        sim,
        invoiceMod('below', { txnId: invoice.txnId, editSequence: stale, lines: [{ txnLineId: lineIds[2] }, { txnLineId: lineIds[1] }] }),
      );
      expect(statusOf(below).code).to.equal(3210);
      expect(invoice.lines.map((l) => l.txnLineId)).to.deep.equal(lineIds);
      expect(statusOf(await ask1(sim, invoiceMod('ok', { txnId: invoice.txnId, editSequence: stale, memo: 'changed' }))).code).to.equal(0);
      expect(statusOf(await ask1(sim, invoiceMod('stale', { txnId: invoice.txnId, editSequence: stale, memo: 'again' }))).code).to.equal(3200);
      const read = retOf(await ask1(sim, invoiceQuery('q', invoice.txnId)));
      expect([text(read, 'Memo'), text(read, 'BalanceRemaining'), text(read, 'AppliedAmount')]).to.deep.equal(['changed', '10.00', '-80.00']);
    });

    it('answers a line the invoice does not have with 3120', async () => {
      const { sim, invoice } = await added();
      const rs = await ask1(sim, invoiceMod('line', { txnId: invoice.txnId, editSequence: invoice.editSequence, lines: [{ txnLineId: 'FFF-1', desc: 'x' }] }));
      expect(statusOf(rs).code).to.equal(3120);
    });
  });
});
