import { expect } from 'chai';
import { Money } from '../../../../core/values/money';
import { children, text } from '../../../simulators/qbd/request-node';
import { books } from './books';
import { depositAdd, journalEntryAdd, receivePaymentMod } from './hand-requests';
import { ask1, exchange, retOf, statusOf } from './qbxml-exchange';

const m = (s: string) => s as Money;

/** Two open invoices (100.00 and 50.00) and a payment of 60.00 applied to the first. */
function paidOnce() {
  const env = books();
  const { company, customer } = env;
  const lines = (amount: string) => [{ itemName: 'Services', amount: m(amount) }];
  const first = company.addInvoice({ customerId: customer.listId, txnDate: '2026-10-01', refNumber: '1001', lines: lines('100.00') });
  const second = company.addInvoice({ customerId: customer.listId, txnDate: '2026-10-02', refNumber: '1002', lines: lines('50.00') });
  env.clock.advance(60);
  const payment = company.receivePayment({
    customerId: customer.listId,
    totalAmount: m('60.00'),
    memo: 'first',
    applications: [{ invoiceId: first.txnId, amount: m('60.00') }],
  });
  env.clock.advance(60);
  return { ...env, first, second, payment };
}

const appliedRows = (ret: ReturnType<typeof retOf>) =>
  children(ret, 'AppliedToTxnRet').map((a) => [text(a, 'TxnID'), text(a, 'TxnType'), text(a, 'BalanceRemaining'), text(a, 'Amount')]);

describe('ReceivePaymentModRq in the simulated company', () => {
  it('changes the memo and keeps the links, with a new TimeModified and EditSequence', async () => {
    const { sim, company, payment, first } = paidOnce();
    const before = { editSequence: payment.editSequence, modified: payment.modified.getTime() };
    const rs = await ask1(sim, receivePaymentMod('memo', { txnId: payment.txnId, editSequence: payment.editSequence, memo: 'second thoughts' }));
    expect(statusOf(rs).code).to.equal(0);
    const ret = retOf(rs);
    expect(ret.name).to.equal('ReceivePaymentRet');
    expect(text(ret, 'Memo')).to.equal('second thoughts');
    expect(appliedRows(ret)).to.deep.equal([[first.txnId, 'Invoice', '40.00', '60.00']]);
    expect(text(ret, 'EditSequence')).not.to.equal(before.editSequence);
    expect(payment.modified.getTime()).to.be.greaterThan(before.modified);
    expect(company.invoiceBalance(first)).to.equal('40.00');
  });

  it('replaces every link with the AppliedToTxnMod list', async () => {
    const { sim, company, payment, first, second } = paidOnce();
    const rs = await ask1(
      sim,
      receivePaymentMod('move', { txnId: payment.txnId, editSequence: payment.editSequence, applyTo: [{ txnId: second.txnId, amount: '50.00' }] }),
    );
    expect(appliedRows(retOf(rs))).to.deep.equal([[second.txnId, 'Invoice', '0.00', '50.00']]);
    expect(text(retOf(rs), 'UnusedPayment')).to.equal('10.00');
    expect([company.invoiceBalance(first), company.invoiceBalance(second)]).to.deep.equal(['100.00', '0.00']);
  });

  it("allows re-applying the same amounts: balances leave out the payment's own applications", async () => {
    const { sim, company, payment, first } = paidOnce();
    company.addCreditMemo({
      customerId: payment.customerId,
      lines: [{ itemName: 'Discount', amount: m('40.00') }],
      applications: [{ invoiceId: first.txnId, amount: m('40.00') }],
    });
    const rs = await ask1(
      sim,
      receivePaymentMod('same', { txnId: payment.txnId, editSequence: payment.editSequence, applyTo: [{ txnId: first.txnId, amount: '60.00' }] }),
    );
    expect(statusOf(rs).code).to.equal(0);
    expect(company.invoiceBalance(first)).to.equal('0.00');
  });

  it('refuses more than is due or more than the total (3210) and a stale EditSequence (3200), changing nothing', async () => {
    const { sim, company, payment, first, second } = paidOnce();
    const stale = payment.editSequence;
    const [overDue, overTotal] = await exchange(
      sim,
      receivePaymentMod('due', { txnId: payment.txnId, editSequence: stale, applyTo: [{ txnId: second.txnId, amount: '50.01' }] }),
      receivePaymentMod('total', {
        txnId: payment.txnId,
        editSequence: stale,
        applyTo: [
          { txnId: first.txnId, amount: '40.00' },
          { txnId: second.txnId, amount: '40.00' },
        ],
      }),
    );
    expect([statusOf(overDue).code, statusOf(overTotal).code]).to.deep.equal([3210, 3210]);
    expect(statusOf(overDue).message).to.include('You cannot pay more than the amount due');
    expect(payment.applications).to.deep.equal([{ invoiceId: first.txnId, amount: '60.00' }]);
    expect([company.invoiceBalance(first), company.invoiceBalance(second)]).to.deep.equal(['40.00', '50.00']);
    await ask1(sim, receivePaymentMod('ok', { txnId: payment.txnId, editSequence: stale, memo: 'changed' }));
    expect(statusOf(await ask1(sim, receivePaymentMod('stale', { txnId: payment.txnId, editSequence: stale, memo: 'again' }))).code).to.equal(3200);
    expect(payment.memo).to.equal('changed');
  });

  it('changes the TotalAmount of a payment in no deposit, but not below what it applies (3210)', async () => {
    const { sim, company, payment } = paidOnce();
    const below = await ask1(sim, receivePaymentMod('below', { txnId: payment.txnId, editSequence: payment.editSequence, totalAmount: '59.99' }));
    expect(statusOf(below).code).to.equal(3210);
    const raised = await ask1(sim, receivePaymentMod('raise', { txnId: payment.txnId, editSequence: payment.editSequence, totalAmount: '75.00' }));
    expect([text(retOf(raised), 'TotalAmount'), text(retOf(raised), 'UnusedPayment')]).to.deep.equal(['75.00', '15.00']);
    expect(company.accountBalance(company.undepositedFunds.listId)).to.equal('75.00');
  });

  it('re-applies a deposited payment to a journal entry, refuses a new TotalAmount (3210), and never changes the deposit', async () => {
    const { sim, company, payment, first, customer, ar, checking } = paidOnce();
    await ask1(sim, depositAdd('dep', { to: { listId: checking.listId }, lines: [{ paymentTxnId: payment.txnId }] }));
    const deposit = [...company.deposits.values()][0];
    const depositBefore = JSON.stringify(deposit);
    const entry = retOf(
      await ask1(
        sim,
        journalEntryAdd('je', {
          lines: [
            { side: 'debit', account: { listId: ar.listId }, amount: '60.00', entity: { listId: customer.listId } },
            { side: 'credit', account: { listId: checking.listId }, amount: '60.00' },
          ],
        }),
      ),
    );
    const entryId = text(entry, 'TxnID')!;

    const amountChange = await ask1(sim, receivePaymentMod('total', { txnId: payment.txnId, editSequence: payment.editSequence, totalAmount: '61.00' }));
    expect(statusOf(amountChange).code).to.equal(3210);
    const sameAmount = await ask1(
      sim,
      receivePaymentMod('same', {
        txnId: payment.txnId,
        editSequence: payment.editSequence,
        totalAmount: '60.00',
        applyTo: [{ txnId: entryId, amount: '60.00' }],
      }),
    );
    expect(statusOf(sameAmount).code).to.equal(0);
    expect(appliedRows(retOf(sameAmount))).to.deep.equal([[entryId, 'JournalEntry', '0.00', '60.00']]);
    expect(company.invoiceBalance(first), 'the invoice is owed again').to.equal('100.00');
    expect(JSON.stringify(deposit)).to.equal(depositBefore);
    expect(company.depositOf(payment.txnId)).to.equal(deposit);
    expect(company.accountBalance(checking.listId), 'deposited, then taken back by the entry').to.equal('0.00');
  });

  it('refuses what it does not simulate, such as moving the payment to another deposit account (1030, a simulator limit)', async () => {
    const { sim, payment } = paidOnce();
    const rs = await ask1(
      sim,
      `<ReceivePaymentModRq requestID="move"><ReceivePaymentMod><TxnID>${payment.txnId}</TxnID><EditSequence>${payment.editSequence}</EditSequence><DepositToAccountRef><FullName>Checking</FullName></DepositToAccountRef></ReceivePaymentMod></ReceivePaymentModRq>`,
    );
    expect(statusOf(rs).code).to.equal(1030);
    expect(statusOf(rs).message).to.include('DepositToAccountRef');
  });

  it('answers an unknown payment with 3120', async () => {
    const { sim, payment } = paidOnce();
    expect(statusOf(await ask1(sim, receivePaymentMod('who', { txnId: 'FFF-1', editSequence: payment.editSequence, memo: 'x' }))).code).to.equal(3120);
  });
});
