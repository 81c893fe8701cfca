import { expect } from 'chai';
import { child, text } from '../../../simulators/qbd/request-node';
import { GUID, arEntry, books } from './books';
import { journalEntryAdd } from './hand-requests';
import { ask1, exchange, namesOf, refId, retOf, statusOf } from './qbxml-exchange';

describe('Journal entries in the simulated company', () => {
  describe('JournalEntryAddRq', () => {
    it('adds a balanced entry and answers a JournalEntryRet in schema order, lines in the order given', async () => {
      const env = books();
      const rs = await ask1(env.sim, arEntry(env));
      expect(statusOf(rs).code).to.equal(0);
      const ret = retOf(rs);
      expect(namesOf(ret)).to.deep.equal([
        'TxnID',
        'TimeCreated',
        'TimeModified',
        'EditSequence',
        'TxnNumber',
        'TxnDate',
        'RefNumber',
        'Memo',
        'IsAdjustment',
        'ExternalGUID',
        'JournalDebitLine',
        'JournalCreditLine',
      ]);
      expect([text(ret, 'RefNumber'), text(ret, 'IsAdjustment'), text(ret, 'ExternalGUID')]).to.deep.equal(['JE-1', 'false', GUID]);
      expect(text(ret, 'TimeCreated')).to.equal(text(ret, 'TimeModified'));
      const [debit, credit] = [child(ret, 'JournalDebitLine')!, child(ret, 'JournalCreditLine')!];
      expect(namesOf(debit)).to.deep.equal(['TxnLineID', 'AccountRef', 'Amount', 'Memo', 'EntityRef']);
      expect([refId(debit, 'AccountRef'), text(debit, 'Amount'), refId(debit, 'EntityRef')]).to.deep.equal([env.ar.listId, '40.00', env.customer.listId]);
      expect([refId(credit, 'AccountRef'), text(credit, 'Amount'), child(credit, 'EntityRef')]).to.deep.equal([env.checking.listId, '40.00', undefined]);
      const stored = env.company.journalEntry(text(ret, 'TxnID')!);
      expect(stored.lines.map((l) => [l.side, l.accountId, l.amount, l.entityId])).to.deep.equal([
        ['debit', env.ar.listId, '40.00', env.customer.listId],
        ['credit', env.checking.listId, '40.00', undefined],
      ]);
    });

    it('keeps credit lines first when they come first', async () => {
      const env = books();
      const rs = await ask1(
        env.sim,
        journalEntryAdd('je', {
          lines: [
            { side: 'credit', account: { fullName: 'Sales' }, amount: '5.00' },
            { side: 'debit', account: { fullName: 'Checking' }, amount: '5.00' },
          ],
        }),
      );
      expect(namesOf(retOf(rs)).slice(-2)).to.deep.equal(['JournalCreditLine', 'JournalDebitLine']);
    });

    it('refuses an entry whose debits and credits differ (3210, "Transaction not in balance")', async () => {
      const env = books();
      const rs = await ask1(
        env.sim,
        journalEntryAdd('je', {
          lines: [
            { side: 'debit', account: { fullName: 'Checking' }, amount: '10.00' },
            { side: 'credit', account: { fullName: 'Sales' }, amount: '9.99' },
          ],
        }),
      );
      expect(statusOf(rs).code).to.equal(3210);
      expect(statusOf(rs).message).to.include('Transaction not in balance');
      expect(env.company.journalEntries.size).to.equal(0);
    });

    it('refuses an Accounts Receivable line without a customer, and two A/R lines in one entry (3210)', async () => {
      const env = books();
      const [noCustomer, twoLines] = await exchange(
        env.sim,
        journalEntryAdd('no-customer', {
          lines: [
            { side: 'debit', account: { fullName: 'Accounts Receivable' }, amount: '10.00' },
            { side: 'credit', account: { fullName: 'Checking' }, amount: '10.00' },
          ],
        }),
        journalEntryAdd('two-lines', {
          lines: [
            { side: 'debit', account: { fullName: 'Accounts Receivable' }, amount: '10.00', entity: { listId: env.customer.listId } },
            { side: 'credit', account: { fullName: 'Accounts Receivable' }, amount: '10.00', entity: { listId: env.customer.listId } },
          ],
        }),
      );
      expect([statusOf(noCustomer).code, statusOf(twoLines).code]).to.deep.equal([3210, 3210]);
      expect(statusOf(noCustomer).message).to.include('customer');
      expect(env.company.journalEntries.size).to.equal(0);
    });

    it('refuses an unknown account or customer as an invalid reference (3140)', async () => {
      const env = books();
      const [account, customer] = await exchange(
        env.sim,
        journalEntryAdd('account', {
          lines: [
            { side: 'debit', account: { fullName: 'Petty Cash' }, amount: '1.00' },
            { side: 'credit', account: { fullName: 'Sales' }, amount: '1.00' },
          ],
        }),
        journalEntryAdd('customer', {
          lines: [
            { side: 'debit', account: { fullName: 'Accounts Receivable' }, amount: '1.00', entity: { fullName: 'Nobody' } },
            { side: 'credit', account: { fullName: 'Sales' }, amount: '1.00' },
          ],
        }),
      );
      expect([statusOf(account).code, statusOf(customer).code]).to.deep.equal([3140, 3140]);
      expect(statusOf(customer).message).to.include('"Nobody"');
    });
  });
});
