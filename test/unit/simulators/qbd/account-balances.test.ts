import { expect } from 'chai';
import { Money } from '../../../../core/values/money';
import { children, text } from '../../../simulators/qbd/request-node';
import { books } from './books';
import { accountQuery, depositAdd, journalEntryAdd, receivePaymentAdd } from './hand-requests';
import { ask1, namesOf } from './qbxml-exchange';

const m = (s: string) => s as Money;

/** An invoice of 100.00, paid 30.00 into Undeposited Funds and 20.00 straight into Checking. */
function withPayments() {
  const env = books();
  const { company, customer, checking } = env;
  const invoice = company.addInvoice({ customerId: customer.listId, lines: [{ itemName: 'Services', amount: m('100.00') }] });
  const waiting = company.receivePayment({
    customerId: customer.listId,
    totalAmount: m('30.00'),
    applications: [{ invoiceId: invoice.txnId, amount: m('30.00') }],
  });
  company.receivePayment({
    customerId: customer.listId,
    totalAmount: m('20.00'),
    depositToAccountId: checking.listId,
    applications: [{ invoiceId: invoice.txnId, amount: m('20.00') }],
  });
  return { ...env, invoice, waiting };
}

describe('Account balances in the simulated company', () => {
  it('puts payments waiting for a deposit in Undeposited Funds and payments deposited directly in their account', () => {
    const { company, uf, checking, ar } = withPayments();
    expect([company.accountBalance(uf.listId), company.accountBalance(checking.listId), company.accountBalance(ar.listId)]).to.deep.equal([
      '30.00',
      '20.00',
      '50.00',
    ]);
  });

  it('moves deposited payments to the bank, with a fee line taken from the bank onto the fee account', async () => {
    const { sim, company, uf, checking, fees, sales, waiting } = withPayments();
    await ask1(
      sim,
      depositAdd('dep', {
        to: { listId: checking.listId },
        lines: [
          { paymentTxnId: waiting.txnId },
          { account: { fullName: 'Merchant Fees' }, amount: '-0.90' },
          { account: { fullName: 'Sales' }, amount: '5.00' },
        ],
      }),
    );
    expect(company.accountBalance(uf.listId)).to.equal('0.00');
    expect(company.accountBalance(checking.listId)).to.equal('54.10');
    expect(company.accountBalance(fees.listId), 'the fee, a debit').to.equal('0.90');
    expect(company.accountBalance(sales.listId), 'income drawn into the deposit, a credit').to.equal('-5.00');
  });

  it('adds journal debits and takes away journal credits; an A/R debit adds to what customers owe', async () => {
    const { sim, company, customer, checking, ar } = withPayments();
    await ask1(
      sim,
      journalEntryAdd('je', {
        lines: [
          { side: 'debit', account: { listId: ar.listId }, amount: '12.50', entity: { listId: customer.listId } },
          { side: 'credit', account: { listId: checking.listId }, amount: '12.50' },
        ],
      }),
    );
    expect(company.accountBalance(checking.listId)).to.equal('7.50');
    expect(company.accountBalance(ar.listId)).to.equal('62.50');
    expect(company.customerBalance(customer.listId)).to.equal('62.50');
  });

  it('gives Accounts Receivable the sum of every customer balance, unused payments and credits included', async () => {
    const { sim, company, ar } = withPayments();
    const other = company.addCustomer({ name: 'Other' });
    await ask1(sim, receivePaymentAdd('credit', { customer: { listId: other.listId }, totalAmount: '8.00' }));
    expect(company.customerBalance(other.listId)).to.equal('-8.00');
    expect(company.accountBalance(ar.listId)).to.equal('42.00');
  });

  it('writes Balance and TotalBalance after AccountNumber in AccountRet, TotalBalance with the sub-accounts', async () => {
    const { sim, company, checking } = withPayments();
    const sub = company.addAccount({ name: 'Reserve', accountType: 'Bank', parentId: checking.listId, accountNumber: '1010' });
    await ask1(
      sim,
      journalEntryAdd('je', {
        lines: [
          { side: 'debit', account: { listId: sub.listId }, amount: '5.00' },
          { side: 'credit', account: { fullName: 'Sales' }, amount: '5.00' },
        ],
      }),
    );
    const rs = await ask1(sim, accountQuery('a', [checking.listId, sub.listId]));
    const [parent, reserve] = children(rs, 'AccountRet');
    expect([text(parent, 'Balance'), text(parent, 'TotalBalance')]).to.deep.equal(['20.00', '25.00']);
    expect([text(reserve, 'Balance'), text(reserve, 'TotalBalance')]).to.deep.equal(['5.00', '5.00']);
    const names = namesOf(reserve);
    expect(names.slice(names.indexOf('AccountNumber'))).to.deep.equal(['AccountNumber', 'Balance', 'TotalBalance']);
  });
});
