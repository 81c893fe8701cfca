import { expect } from 'chai';
import type { Money } from '../../../../../core/values/money';
import { TODAY, useWriteBench } from './write-bench';

describe('The deposit writer, through the outbox step, against a simulated QuickBooks', function () {
  this.timeout(60_000);
  const bench = useWriteBench();

  type Books = Awaited<ReturnType<typeof bench.books>>;
  const ourDeposits = ({ company }: Pick<Books, 'company'>, rowId: string) =>
    [...company.deposits.values()].filter((d) => d.externalGuid === `{${rowId.toUpperCase()}}`);

  /** Two platform payments written to QuickBooks, then paid out together: the deposit waits in the outbox. */
  async function withPayout(options: Parameters<typeof bench.books>[0] = {}) {
    const env = await bench.books(options);
    const payments = [await env.pay('40.00'), await env.pay('25.50')];
    if (options.accounts?.payments !== false) for (let i = 0; i < payments.length; i++) await env.write();
    const txnIds = await Promise.all(payments.map(async (p) => (await env.rowOf('payment', p, 'receive-payment')).target_id!));
    const payoutId = await env.payout(payments);
    const row = await env.rowOf('deposit', payoutId, 'deposit');
    return { ...env, payments, txnIds, payoutId, row };
  }

  it("asks for a DepositAdd into the chosen bank, a line per payment by QuickBooks' TxnID, carrying our operation id", async () => {
    const { write, row, payoutId, txnIds, company } = await withPayout();
    const { requests } = await write();
    expect(requests.map((r) => r.rqName)).to.deep.equal(['DepositAddRq']);
    const checking = [...company.accounts.values()].find((a) => a.name === 'Checking')!;
    const xml = requests[0].xml;
    expect(xml).to.include(`<TxnDate>${TODAY}</TxnDate>`).and.include(`<DepositToAccountRef><ListID>${checking.listId}</ListID></DepositToAccountRef>`);
    expect(xml).to.include(`<Memo>Alternative Payments payout ${payoutId}</Memo>`).and.include(`<ExternalGUID>{${row.id.toUpperCase()}}</ExternalGUID>`);
    expect([...xml.matchAll(/<PaymentTxnID>([^<]+)<\/PaymentTxnID>/g)].map((m) => m[1])).to.deep.equal(txnIds);
  });

  it("settles the row with the deposit's TxnID, logs it, and the payments leave Undeposited Funds", async () => {
    const env = await withPayout();
    const { result } = await env.write();
    const [deposit] = ourDeposits(env, env.row.id);
    expect(result).to.deep.equal({ done: false, counts: { 'deposits sent': 1 } });
    expect(deposit.lines.map((l) => (l as { paymentId?: string }).paymentId)).to.deep.equal(env.txnIds);
    expect(await env.reread(env.row.id)).to.deep.include({ state: 'done', target_id: deposit.txnId });
    expect((await env.logOf(env.payoutId)).at(-1)).to.deep.equal(['add', 'applied', null]);
    expect(env.company.paymentsToDeposit().map((p) => p.txnId)).to.not.include.members(env.txnIds);
  });

  it("asks the partner to act with QuickBooks' reason when it refuses the deposit: a payment deposited there by hand meanwhile", async () => {
    const env = await withPayout();
    const checking = [...env.company.accounts.values()].find((a) => a.name === 'Checking')!;
    env.company.addDeposit({ depositToAccountId: checking.listId, lines: [{ paymentId: env.txnIds[0] }] });
    const { result } = await env.write();
    expect(result).to.deep.equal({ done: false, counts: { 'deposits needing action': 1 } });
    const settled = await env.reread(env.row.id);
    expect(settled).to.deep.include({ state: 'needs-action' });
    expect(settled.message).to.equal(`QuickBooks refused it (3210): The payment "${env.txnIds[0]}" is not in Undeposited Funds or is already deposited.`);
    expect((await env.logOf(env.payoutId)).at(-1)).to.deep.equal(['add', 'failed', settled.message]);
  });

  it('looks the deposit up by its date after a lost answer and settles the row with ours, not a deposit made by hand that day', async () => {
    const env = await withPayout();
    const savings = [...env.company.accounts.values()].find((a) => a.name === 'Savings')!;
    const byHand = env.company.addDeposit({
      txnDate: TODAY,
      depositToAccountId: savings.listId,
      lines: [{ accountId: savings.listId, amount: '5.00' as Money }],
    });
    await env.loseWrite();
    const [written] = ourDeposits(env, env.row.id);
    const lookup = await env.write();
    expect(lookup.requests.map((r) => r.rqName)).to.deep.equal(['DepositQueryRq']);
    expect(lookup.requests[0].xml).to.include(`<FromTxnDate>${TODAY}</FromTxnDate>`).and.include(`<ToTxnDate>${TODAY}</ToTxnDate>`);
    expect(lookup.events.filter((e) => e.kind === 'record').map((e) => (e as { record: { txnId: string } }).record.txnId)).to.have.members([
      byHand.txnId,
      written.txnId,
    ]);
    expect(lookup.result).to.deep.equal({ done: false, counts: { 'deposits found after a lost answer': 1 } });
    expect(await env.reread(env.row.id)).to.deep.include({ state: 'done', target_id: written.txnId, message: 'Found in QuickBooks after a lost answer.' });
    expect(ourDeposits(env, env.row.id)).to.have.length(1);
  });

  it('waits, and says why, until the partner chooses the bank payouts go to', async () => {
    const env = await withPayout({ accounts: { payments: true } });
    expect(await env.ask()).to.equal(undefined);
    expect(await env.lastError()).to.deep.include({ code: 'CHOOSE_DEPOSIT_ACCOUNT' });
    expect((await env.reread(env.row.id)).state).to.equal('pending');
    await env.choose({ deposits: true });
    expect((await env.write()).requests.map((r) => r.rqName)).to.deep.equal(['DepositAddRq']);
  });

  it('asks the partner to deposit by hand when one of its payments never reached QuickBooks, sending nothing', async () => {
    const env = await bench.books();
    const refused = await env.pay('40.00');
    env.company.receivePayment({
      customerId: env.customer.listId,
      totalAmount: '100.00' as Money,
      applications: [{ invoiceId: env.invoice.txnId, amount: '100.00' as Money }],
    });
    await env.write(); // refused: the invoice was paid in QuickBooks meanwhile
    const payoutId = await env.payout([refused]);
    expect(await env.ask()).to.equal(undefined);
    const row = await env.rowOf('deposit', payoutId, 'deposit');
    expect(row).to.deep.include({
      state: 'needs-action',
      message: `The payout includes payment ${refused}, which is not in QuickBooks (needs-action). Deposit the others by hand in QuickBooks.`,
    });
    expect((await env.logOf(payoutId)).at(-1)).to.deep.equal(['add', 'failed', row.message]);
  });

  describe('every request', () => {
    it('is one the qbXML schema accepts', async function () {
      await bench.checkSchema(this);
    });
  });
});
