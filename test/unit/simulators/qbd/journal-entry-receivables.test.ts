import { expect } from 'chai';
import { Money } from '../../../../core/values/money';
import { child, children, text } from '../../../simulators/qbd/request-node';
import { arEntry, books } from './books';
import { customerQuery, journalEntryAdd, journalEntryQuery, paymentQuery, receivePaymentAdd, txnDel, txnDeletedQuery } from './hand-requests';
import { ask1, exchange, namesOf, retOf, statusOf } from './qbxml-exchange';

const m = (s: string) => s as Money;

describe('Journal entries in the simulated company', () => {
  describe('an A/R debit to a customer', () => {
    it('is owed by the customer and may be paid like an invoice, up to its open balance', async () => {
      const env = books();
      const entryId = text(retOf(await ask1(env.sim, arEntry(env))), 'TxnID')!;
      expect(text(retOf(await ask1(env.sim, customerQuery('c', env.customer.listId))), 'Balance')).to.equal('40.00');

      const over = await ask1(
        env.sim,
        receivePaymentAdd('over', { customer: { listId: env.customer.listId }, totalAmount: '40.01', applyTo: [{ txnId: entryId, amount: '40.01' }] }),
      );
      expect(statusOf(over).code).to.equal(3210);
      const paid = retOf(
        await ask1(
          env.sim,
          receivePaymentAdd('pay', { customer: { listId: env.customer.listId }, totalAmount: '15.00', applyTo: [{ txnId: entryId, amount: '15.00' }] }),
        ),
      );
      const applied = child(paid, 'AppliedToTxnRet')!;
      expect(namesOf(applied)).to.deep.equal(['TxnID', 'TxnType', 'TxnDate', 'RefNumber', 'BalanceRemaining', 'Amount']);
      expect(['TxnID', 'TxnType', 'TxnDate', 'RefNumber', 'BalanceRemaining', 'Amount'].map((n) => text(applied, n))).to.deep.equal([
        entryId,
        'JournalEntry',
        '2026-11-01',
        'JE-1',
        '25.00',
        '15.00',
      ]);
      expect(env.company.customerBalance(env.customer.listId)).to.equal('25.00');
      expect(env.company.accountBalance(env.ar.listId)).to.equal('25.00');
    });

    it('is not a target of auto-apply, which pays invoices only', async () => {
      const env = books();
      await ask1(env.sim, arEntry(env));
      const rs = await ask1(env.sim, receivePaymentAdd('auto', { customer: { listId: env.customer.listId }, totalAmount: '40.00' }));
      expect(children(retOf(rs), 'AppliedToTxnRet')).to.have.length(0);
      expect(text(retOf(rs), 'UnusedPayment')).to.equal('40.00');
    });

    it('is no receivable of another customer (3210), and an entry without an A/R debit cannot be paid (3210)', async () => {
      const env = books();
      const other = env.company.addCustomer({ name: 'Other' });
      const entryId = text(retOf(await ask1(env.sim, arEntry(env))), 'TxnID')!;
      const bankOnly = text(
        retOf(
          await ask1(
            env.sim,
            journalEntryAdd('bank', {
              lines: [
                { side: 'debit', account: { fullName: 'Checking' }, amount: '1.00' },
                { side: 'credit', account: { fullName: 'Sales' }, amount: '1.00' },
              ],
            }),
          ),
        ),
        'TxnID',
      )!;
      const [wrongCustomer, notReceivable] = await exchange(
        env.sim,
        receivePaymentAdd('other', { customer: { listId: other.listId }, totalAmount: '1.00', applyTo: [{ txnId: entryId, amount: '1.00' }] }),
        receivePaymentAdd('bank', { customer: { listId: env.customer.listId }, totalAmount: '1.00', applyTo: [{ txnId: bankOnly, amount: '1.00' }] }),
      );
      expect([statusOf(wrongCustomer).code, statusOf(notReceivable).code]).to.deep.equal([3210, 3210]);
    });
  });

  describe('JournalEntryQueryRq', () => {
    async function threeEntries() {
      const env = books();
      const ids: string[] = [];
      for (const [i, date] of ['2026-10-01', '2026-10-15', '2026-11-01'].entries()) {
        env.clock.advance(60);
        const lines = [
          { side: 'debit' as const, account: { fullName: 'Checking' }, amount: `${i + 1}.00` },
          { side: 'credit' as const, account: { fullName: 'Sales' }, amount: `${i + 1}.00` },
        ];
        ids.push(text(retOf(await ask1(env.sim, journalEntryAdd(`je${i}`, { txnDate: date, refNumber: `J${i}`, lines }))), 'TxnID')!);
      }
      return { ...env, ids };
    }
    const txnIds = (rs: Awaited<ReturnType<typeof ask1>>) => children(rs, 'JournalEntryRet').map((r) => text(r, 'TxnID'));

    it('finds entries by TxnID and RefNumber, and returns their lines only with IncludeLineItems', async () => {
      const { sim, ids } = await threeEntries();
      const [byId, byRef, withLines] = await exchange(
        sim,
        journalEntryQuery('a', { txnIds: [ids[2]] }),
        journalEntryQuery('b', { refNumbers: ['J0', 'J1'] }),
        journalEntryQuery('c', { txnIds: [ids[0]], includeLineItems: true }),
      );
      expect(txnIds(byId)).to.deep.equal([ids[2]]);
      expect(namesOf(retOf(byId))).not.to.include('JournalDebitLine');
      expect(txnIds(byRef)).to.deep.equal([ids[0], ids[1]]);
      expect(namesOf(retOf(withLines)).slice(-2)).to.deep.equal(['JournalDebitLine', 'JournalCreditLine']);
    });

    it('filters by transaction date, by modified time and by a line’s customer, and trims with MaxReturned', async () => {
      const env = await threeEntries();
      const { sim, ids, company } = env;
      const second = company.clock.format(company.journalEntry(ids[1]).modified);
      const arId = text(retOf(await ask1(sim, arEntry(env, '3.00', 'AR'))), 'TxnID')!;
      const [byDate, byModified, byEntity, max] = await exchange(
        sim,
        journalEntryQuery('d', { txnDate: { from: '2026-10-10', to: '2026-10-31' } }),
        journalEntryQuery('m', { modified: { from: second } }),
        journalEntryQuery('e', { entity: { listId: env.customer.listId } }),
        journalEntryQuery('x', { maxReturned: 2 }),
      );
      expect(txnIds(byDate)).to.deep.equal([ids[1]]);
      expect(txnIds(byModified)).to.deep.equal([ids[1], ids[2], arId]);
      expect(txnIds(byEntity)).to.deep.equal([arId]);
      expect(txnIds(max)).to.deep.equal([ids[0], ids[1]]);
    });

    it('pages with an iterator like the other queries', async () => {
      const { sim, ids } = await threeEntries();
      const first = await ask1(sim, journalEntryQuery('i', { iterator: 'Start', maxReturned: 2 }));
      expect(first.attributes.iteratorRemainingCount).to.equal('1');
      const rest = await ask1(sim, journalEntryQuery('i', { iterator: 'Continue', iteratorId: first.attributes.iteratorID, maxReturned: 2 }));
      expect([...txnIds(first), ...txnIds(rest)]).to.deep.equal(ids);
      expect(rest.attributes.iteratorRemainingCount).to.equal('0');
    });
  });

  describe('TxnDelRq of a JournalEntry', () => {
    it('deletes the entry, leaves what was applied to it unused on the payment, and keeps a TxnDeletedRet', async () => {
      const env = books();
      const entryId = text(retOf(await ask1(env.sim, arEntry(env))), 'TxnID')!;
      const payment = env.company.receivePayment({
        customerId: env.customer.listId,
        totalAmount: m('40.00'),
        applications: [{ invoiceId: entryId, amount: m('40.00') }],
      });
      const editSequence = payment.editSequence;
      env.clock.advance(60);
      const del = await ask1(env.sim, txnDel('del', 'JournalEntry', entryId));
      expect([statusOf(del).code, text(del, 'TxnDelType'), text(del, 'TxnID'), text(del, 'RefNumber')]).to.deep.equal([0, 'JournalEntry', entryId, 'JE-1']);
      expect(env.company.journalEntries.has(entryId)).to.equal(false);
      const after = retOf(await ask1(env.sim, paymentQuery('p', payment.txnId)));
      expect(children(after, 'AppliedToTxnRet')).to.have.length(0);
      expect(text(after, 'UnusedPayment')).to.equal('40.00');
      expect(text(after, 'EditSequence'), 'the payment changed').not.to.equal(editSequence);
      expect(env.company.customerBalance(env.customer.listId)).to.equal('-40.00');
      const deleted = retOf(await ask1(env.sim, txnDeletedQuery('d', 'JournalEntry')));
      expect([text(deleted, 'TxnDelType'), text(deleted, 'TxnID'), text(deleted, 'RefNumber')]).to.deep.equal(['JournalEntry', entryId, 'JE-1']);
    });
  });
});
