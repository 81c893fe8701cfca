import { expect } from 'chai';
import { invoicesToRefresh } from '../../../../../adapters/qbd/store/invoices-to-refresh';
import type { Money } from '../../../../../core/values/money';
import { useWriteBench } from '../writers/write-bench';

describe('The return of a payment that failed after its payout (a phased write of the outbox step), against a simulated QuickBooks', function () {
  this.timeout(60_000);
  const bench = useWriteBench();

  /** A payment of 40.00 written and paid out in a deposit, then failed on the platform: its return waits in the outbox. */
  async function withFailedAfterPayout() {
    const env = await bench.books();
    const paymentId = await env.pay('40.00');
    await env.write();
    await env.payout([paymentId]);
    await env.write();
    const paymentTxnId = (await env.rowOf('payment', paymentId, 'receive-payment')).target_id!;
    const depositTxnId = [...env.company.deposits.values()][0].txnId;
    await env.fail(paymentId);
    const row = await env.rowOf('payment', paymentId, 'delete-payment');
    const account = (name: string) => [...env.company.accounts.values()].find((a) => a.name === name)!.listId;
    const payment = () => env.company.payment(paymentTxnId);
    /** The read and the post, done. */
    const posted = async () => {
      await env.write();
      await env.write();
      return (await env.reread(row.id)).target_id!;
    };
    return { ...env, paymentId, paymentTxnId, depositTxnId, row, account, payment, posted };
  }

  it('reads the payment and its deposit in one message set, and notes the customer, the accounts and the invoices it paid', async () => {
    const { write, row, reread, paymentTxnId, depositTxnId, customer, invoice, account } = await withFailedAfterPayout();
    const read = await write();
    expect(read.requests.map((r) => [r.rqName, r.requestId])).to.deep.equal([
      ['ReceivePaymentQueryRq', `${read.requests[0].requestId.slice(0, -2)}.p`],
      ['DepositQueryRq', `${read.requests[0].requestId.slice(0, -2)}.d`],
    ]);
    expect(read.requests[0].xml).to.include(`<TxnID>${paymentTxnId}</TxnID>`);
    expect(read.requests[1].xml).to.include(`<TxnID>${depositTxnId}</TxnID>`);
    expect(await reread(row.id)).to.deep.include({
      state: 'pending',
      progress: {
        next: 'post',
        customerId: customer.listId,
        arAccountId: account('Accounts Receivable'),
        bankAccountId: account('Checking'),
        amount: '40.00',
        txnDate: '2026-11-25',
        invoiceIds: [invoice.txnId],
      },
    });
  });

  it('posts a journal entry that takes the money out of the bank and puts it on the customer, carrying our operation id', async () => {
    const { write, row, reread, account, customer, company } = await withFailedAfterPayout();
    await write();
    const post = await write();
    expect(post.requests.map((r) => r.rqName)).to.deep.equal(['JournalEntryAddRq']);
    const xml = post.requests[0].xml;
    expect(xml).to.include(`<ExternalGUID>{${row.id.toUpperCase()}}</ExternalGUID>`);
    expect(xml).to.match(
      new RegExp(`<JournalDebitLine>\\s*<AccountRef><ListID>${account('Accounts Receivable')}</ListID></AccountRef>\\s*<Amount>40.00</Amount>`),
    );
    expect(xml).to.match(new RegExp(`<EntityRef><ListID>${customer.listId}</ListID></EntityRef>`));
    expect(xml).to.match(new RegExp(`<JournalCreditLine>\\s*<AccountRef><ListID>${account('Checking')}</ListID></AccountRef>\\s*<Amount>40.00</Amount>`));
    const entry = [...company.journalEntries.values()][0];
    expect(await reread(row.id)).to.deep.include({ state: 'pending', target_id: entry.txnId });
    expect((await reread(row.id)).progress).to.deep.include({ next: 'reread' });
  });

  it('re-reads the payment, moves it from the invoice to the journal entry, and settles the return', async () => {
    const env = await withFailedAfterPayout();
    const journalTxnId = await env.posted();
    const reread = await env.write();
    expect(reread.requests.map((r) => r.rqName)).to.deep.equal(['ReceivePaymentQueryRq']);
    expect((await env.reread(env.row.id)).progress).to.deep.include({ next: 'apply', editSequence: env.payment().editSequence });
    const apply = await env.write();
    expect(apply.requests.map((r) => r.rqName)).to.deep.equal(['ReceivePaymentModRq']);
    expect(apply.result).to.deep.equal({ done: false, counts: { 'payments returned after their payout': 1 } });
    expect(env.payment().applications).to.deep.equal([{ invoiceId: journalTxnId, amount: '40.00' }]);
    const settled = await env.reread(env.row.id);
    expect(settled.state).to.equal('done');
    expect(settled.message).to.match(
      new RegExp(`^The payment of 40.00 failed after its payout, so its return was recorded in QuickBooks: journal entry ${journalTxnId} `),
    );
    expect(settled.message).to.include(`Deposit ${env.depositTxnId} is unchanged`);
    expect(env.company.deposits.get(env.depositTxnId)!.lines).to.have.length(1);
    expect(await invoicesToRefresh(bench.em(), env.connectionId)).to.deep.equal([env.invoice.txnId]);
    expect((await env.logOf(env.paymentId)).at(-1)).to.deep.equal(['return', 'applied', settled.message]);
  });

  it('re-reads and tries once more when the payment changed in QuickBooks in between (3200), then asks the partner', async () => {
    const env = await withFailedAfterPayout();
    await env.posted();
    const changedThere = () => {
      env.company.clock.advance(1);
      env.company.touch(env.payment());
    };
    await env.write(); // reread
    changedThere();
    expect((await env.write()).result).to.deep.equal({ done: false, counts: {} });
    expect((await env.reread(env.row.id)).progress).to.deep.include({ next: 'reread', staleRetries: 1 });
    await env.write(); // reread
    changedThere();
    expect((await env.write()).result).to.deep.equal({ done: false, counts: { 'payment returns needing action': 1 } });
    const settled = await env.reread(env.row.id);
    expect(settled.state).to.equal('needs-action');
    expect(settled.message).to.match(
      /its return could not be recorded automatically: journal entry .* was posted, but the payment could not be moved to it: QuickBooks refused it \(3200\)/,
    );
  });

  it('finds its own journal entry after a lost answer to the post, and posts no second one', async () => {
    const env = await withFailedAfterPayout();
    const savings = env.account('Savings');
    env.company.addJournalEntry({
      lines: [
        { side: 'debit', accountId: savings, amount: '1.00' as Money },
        { side: 'credit', accountId: env.account('Checking'), amount: '1.00' as Money },
      ],
    });
    await env.write();
    await env.loseWrite();
    const ours = () => [...env.company.journalEntries.values()].filter((j) => j.externalGuid === `{${env.row.id.toUpperCase()}}`);
    expect(ours()).to.have.length(1);
    const find = await env.write();
    expect(find.requests.map((r) => r.rqName)).to.deep.equal(['JournalEntryQueryRq']);
    expect(await env.reread(env.row.id)).to.deep.include({ state: 'pending', target_id: ours()[0].txnId });
    expect((await env.reread(env.row.id)).progress).to.deep.include({ next: 'reread' });
    await env.write();
    await env.write();
    expect((await env.reread(env.row.id)).state).to.equal('done');
    expect(ours()).to.have.length(1);
  });

  it('settles the return from the re-read after a lost answer to the apply', async () => {
    const env = await withFailedAfterPayout();
    await env.posted();
    await env.write(); // reread
    await env.loseWrite();
    const reread = await env.write();
    expect(reread.requests.map((r) => r.rqName)).to.deep.equal(['ReceivePaymentQueryRq']);
    expect(reread.result).to.deep.equal({ done: false, counts: { 'payments returned after their payout': 1 } });
    expect(env.quickBooks.log.filter((l) => l.requestXml.includes('<ReceivePaymentModRq'))).to.have.length(1);
  });

  it('asks the partner to record the return by hand when the deposit is no longer in QuickBooks', async () => {
    const env = await withFailedAfterPayout();
    env.company.deleteTxn('Deposit', env.depositTxnId);
    const { result } = await env.write();
    expect(result).to.deep.equal({ done: false, counts: { 'payment returns needing action': 1 } });
    const settled = await env.reread(env.row.id);
    expect(settled.state).to.equal('needs-action');
    expect(settled.message).to.include(`its return could not be recorded automatically: the deposit ${env.depositTxnId} is no longer in QuickBooks.`);
  });

  describe('every request', () => {
    it('is one the qbXML schema accepts', async function () {
      await bench.checkSchema(this);
    });
  });
});
