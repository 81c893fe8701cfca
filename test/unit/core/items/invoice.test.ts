import { expect } from 'chai';
import { invoiceStatusFor, parseInvoice } from '../../../../core/items/invoice';
import { parseMoney } from '../../../../core/values/money';
import { invoiceJson } from './fixtures';
import { problemsOf } from './problems-of';

describe('Invoice', () => {
  it('accepts an invoice whose numbers agree', () => {
    const invoice = parseInvoice(invoiceJson());
    expect(invoice.lines).to.have.length(2);
    expect(invoice.total).to.equal('130.14');
  });

  describe('with numbers that disagree', () => {
    it('refuses a total that is not subtotal + tax', () => {
      expect(problemsOf(() => parseInvoice({ ...invoiceJson(), total: '130.15' })).map((p) => p.at)).to.include('total');
    });

    it('refuses a subtotal that is not the sum of the lines', () => {
      const json = invoiceJson();
      json.lines[0].amount = '100.01';
      expect(problemsOf(() => parseInvoice(json)).map((p) => p.at)).to.include('subtotal');
    });

    it('refuses a balance above the total or below zero', () => {
      expect(problemsOf(() => parseInvoice({ ...invoiceJson(), balance: '130.15' })).map((p) => p.at)).to.include('balance');
      expect(problemsOf(() => parseInvoice({ ...invoiceJson(), balance: '-1.00' })).map((p) => p.at)).to.include('balance');
    });

    it('refuses a status the balance contradicts', () => {
      const problems = problemsOf(() => parseInvoice({ ...invoiceJson(), status: 'paid' }));
      expect(problems).to.deep.include({ at: 'status', message: 'must be partially-paid for this total and balance' });
    });
  });

  it('names the path of a bad line field', () => {
    const json = invoiceJson();
    (json.lines[1] as Record<string, unknown>).quantity = '1.123456';
    expect(problemsOf(() => parseInvoice(json)).map((p) => p.at)).to.include('lines[1].quantity');
  });

  describe('invoiceStatusFor', () => {
    const m = parseMoney;
    it('is open when nothing is paid, partially paid in between, paid at zero', () => {
      expect(invoiceStatusFor(m('100'), m('100'))).to.equal('open');
      expect(invoiceStatusFor(m('100'), m('0.01'))).to.equal('partially-paid');
      expect(invoiceStatusFor(m('100'), m('0'))).to.equal('paid');
    });
    it('calls a zero-total invoice paid, as QuickBooks does', () => {
      expect(invoiceStatusFor(m('0'), m('0'))).to.equal('paid');
    });
  });
});
