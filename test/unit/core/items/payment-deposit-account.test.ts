import { expect } from 'chai';
import { parseAccount } from '../../../../core/items/account';
import { parseDeposit } from '../../../../core/items/deposit';
import { parsePayment } from '../../../../core/items/payment';
import { accountJson, depositJson, paymentJson } from './fixtures';
import { problemsOf } from './problems-of';

describe('Payment', () => {
  it('accepts a payment split over two invoices', () => {
    expect(parsePayment(paymentJson()).applications).to.have.length(2);
  });

  it('refuses applying more than was paid', () => {
    const json = { ...paymentJson(), amount: '99.99' };
    expect(problemsOf(() => parsePayment(json)).map((p) => p.at)).to.deep.equal(['applications']);
  });

  it('refuses zero or negative amounts and a reference longer than the platform takes (100), and keeps one of 100', () => {
    const json = { ...paymentJson(), amount: '0.00', reference: 'x'.repeat(101), applications: [{ invoiceId: 'inv_1', amount: '-1.00' }] };
    expect(problemsOf(() => parsePayment(json)).map((p) => p.at)).to.have.members(['amount', 'reference', 'applications[0].amount']);
    expect(parsePayment({ ...paymentJson(), reference: 'x'.repeat(100) }).reference).to.have.length(100);
  });
});

describe('Deposit', () => {
  it('accepts a payout whose lines add up to its total', () => {
    expect(parseDeposit(depositJson()).total).to.equal('150.00');
  });

  it('refuses lines that do not add up, an empty payout and a payment carried twice', () => {
    expect(problemsOf(() => parseDeposit({ ...depositJson(), total: '150.01' })).map((p) => p.at)).to.deep.equal(['total']);
    expect(problemsOf(() => parseDeposit({ ...depositJson(), lines: [] })).map((p) => p.at)).to.include('lines');
    const twice = {
      ...depositJson(),
      total: '200.00',
      lines: [
        { paymentId: 'p', amount: '100.00' },
        { paymentId: 'p', amount: '100.00' },
      ],
    };
    expect(problemsOf(() => parseDeposit(twice))).to.deep.equal([{ at: 'lines', message: 'must not carry the same payment twice' }]);
  });
});

describe('Account', () => {
  it('accepts an account with a known kind', () => {
    expect(parseAccount(accountJson()).kind).to.equal('undeposited-funds');
  });

  it('refuses an unknown kind', () => {
    expect(problemsOf(() => parseAccount({ ...accountJson(), kind: 'cash' })).map((p) => p.at)).to.deep.equal(['kind']);
  });
});
