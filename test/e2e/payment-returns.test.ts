import { expect } from 'chai';
import { addMoney, parseMoney, subtractMoney } from '../../core/values/money';
import { TestClock, connectedCompany } from '../support/connected-company';
import { schemaAvailability, schemaErrors } from '../support/qbxml-schema';
import { useTestService } from '../support/use-test-service';

/**
 * A payment that fails after the platform paid it out sits in a QuickBooks deposit that matches
 * the bank: it is returned (a journal entry, the payment moved onto it), never deleted (ADR 0008).
 */
describe('A payment that fails after its payout (simulators end to end)', function () {
  this.timeout(60_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({}, clock.read);

  /** Two platform payments on one invoice, in QuickBooks and paid out in one deposit to Checking. */
  async function depositedPayments() {
    const env = await connectedCompany(service.current, clock, { seed: 31, customers: 10, invoices: 25, years: 1 });
    const { api, connection, connector, later } = env;
    await connector.runSession();
    const accounts = (await api.call('GET', `/api/connections/${connection.id}/accounts`)).body as { id: string; name: string }[];
    const id = (name: string) => accounts.find((a) => a.name === name)!.id;
    await api.call('PATCH', `/api/connections/${connection.id}/settings`, { paymentAccountId: id('Undeposited Funds'), depositAccountId: id('Checking') });
    const invoices = (await api.call('GET', `/api/connections/${connection.id}/invoices?limit=200`)).body.items as {
      id: string;
      balance: string;
      status: string;
      qbd: { txnId: string };
    }[];
    const open = invoices.find((i) => i.status === 'open' && Number(i.balance) > 50)!;
    const a = (await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '10.00' })).body;
    const b = (await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '15.50' })).body;
    later(5);
    await connector.runSession();
    await api.call('POST', `/api/connections/${connection.id}/payouts`, { paymentIds: [a.id, b.id] });
    later(5);
    await connector.runSession();
    const company = env.company;
    const deposit = [...company.deposits.values()].find((d) => d.memo?.startsWith('Alternative Payments payout'))!;
    const ours = () => [...company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-'));
    const returns = () => [...company.journalEntries.values()];
    const platformInvoice = async () =>
      (await api.call('GET', `/api/connections/${connection.id}/invoices?limit=200`)).body.items.find((i: { id: string }) => i.id === open.id);
    const platformPayment = async (paymentId: string) =>
      (await api.call('GET', `/api/connections/${connection.id}/payments`)).body.items.find((p: { id: string }) => p.id === paymentId);
    return {
      ...env,
      checking: id('Checking'),
      receivables: id('Accounts Receivable'),
      open,
      payments: [a, b],
      deposit,
      ours,
      returns,
      platformInvoice,
      platformPayment,
    };
  }

  const requestsOf = (log: readonly { requestXml: string }[], name: string) => log.filter((l) => l.requestXml.includes(`<${name}`)).length;

  it('posts the return: the deposit stays as the bank saw it, the bank shows the money leaving, the invoice is owed again on both sides, and the sync log says so', async () => {
    const env = await depositedPayments();
    const { api, connection, company, connector, later, quickBooks, payments, deposit, ours } = env;
    const depositBefore = JSON.stringify(company.deposits.get(deposit.txnId));
    const bankBefore = company.accountBalance(env.checking);
    const invoiceBefore = company.invoiceBalance(company.invoice(env.open.qbd.txnId));
    const failedInQb = ours().find((p) => p.totalAmount === '10.00')!;
    expect((await api.call('POST', `/api/payments/${payments[0].id}/fail`)).status).to.equal(200);
    later(5);
    quickBooks.log.length = 0;
    await connector.runSession();

    expect(requestsOf(quickBooks.log, 'TxnDelRq'), 'a deposited payment is never deleted').to.equal(0);
    expect(ours()).to.have.length(2);
    expect(JSON.stringify(company.deposits.get(deposit.txnId)), 'the deposit is unchanged').to.equal(depositBefore);
    expect(env.returns()).to.have.length(1);
    const entry = env.returns()[0];
    expect(entry.lines.map((l) => ({ side: l.side, accountId: l.accountId, amount: l.amount, entityId: l.entityId }))).to.deep.equal([
      { side: 'debit', accountId: env.receivables, amount: '10.00', entityId: failedInQb.customerId },
      { side: 'credit', accountId: env.checking, amount: '10.00', entityId: undefined },
    ]);
    expect(company.accountBalance(env.checking), 'the bank shows the money leaving').to.equal(subtractMoney(bankBefore, parseMoney('10.00')));
    expect(company.payment(failedInQb.txnId).applications).to.deep.equal([{ invoiceId: entry.txnId, amount: '10.00' }]);
    const invoiceAfter = company.invoiceBalance(company.invoice(env.open.qbd.txnId));
    expect(invoiceAfter, 'the invoice is owed again in QuickBooks').to.equal(addMoney(invoiceBefore, parseMoney('10.00')));
    expect((await env.platformInvoice()).balance, 'and on the platform, read back in the same session').to.equal(invoiceAfter);

    const failed = await env.platformPayment(payments[0].id);
    expect(failed.status).to.equal('failed');
    expect(failed.qbd.state).to.equal('reverted');
    expect(failed.qbd.message).to.include(`journal entry ${entry.txnId} takes 10.00 out of the bank`).and.include(`Deposit ${deposit.txnId} is unchanged`);
    const log = (await api.call('GET', `/api/connections/${connection.id}/events?limit=100`)).body.items as {
      item: string;
      operation: string;
      outcome: string;
      message: string;
      sourceId: string;
      from: string;
      to: string;
    }[];
    const line = log.find((e) => e.item === 'payment' && e.operation === 'return');
    expect(line).to.deep.include({ outcome: 'applied', sourceId: payments[0].id, from: 'alternative', to: 'qbd' });
    expect(line!.message).to.equal(failed.qbd.message);

    // Nothing more at the next session.
    later(5);
    quickBooks.log.length = 0;
    await connector.runSession();
    expect(
      requestsOf(quickBooks.log, 'JournalEntryAddRq') + requestsOf(quickBooks.log, 'ReceivePaymentModRq') + requestsOf(quickBooks.log, 'TxnDelRq'),
    ).to.equal(0);
    expect(env.returns()).to.have.length(1);
  });

  for (const [lost, what] of [
    [1, 'the read of the payment and its deposit'],
    [2, 'the JournalEntryAdd'],
    [3, 'the read before the change'],
    [4, 'the ReceivePaymentMod'],
  ] as const) {
    it(`posts exactly one return when the answer to ${what} is lost`, async () => {
      const env = await depositedPayments();
      const { api, company, connector, later, payments, ours } = env;
      const failedInQb = ours().find((p) => p.totalAmount === '10.00')!;
      await api.call('POST', `/api/payments/${payments[0].id}/fail`);
      later(5);
      // The outbox goes first: the session's first answers are the return's.
      expect((await connector.runSession({ loseReceiveAnswer: lost })).ended).to.equal('dropped');
      // QuickBooks did what the lost answer was about: from the JournalEntryAdd on, the entry exists.
      expect(env.returns()).to.have.length(lost >= 2 ? 1 : 0);
      if (lost === 4) expect(company.payment(failedInQb.txnId).applications[0].invoiceId).to.equal(env.returns()[0].txnId);
      later(0.1);
      await connector.runSession();
      later(5);
      await connector.runSession();
      expect(env.returns()).to.have.length(1);
      expect(company.payment(failedInQb.txnId).applications).to.deep.equal([{ invoiceId: env.returns()[0].txnId, amount: '10.00' }]);
      expect((await env.platformPayment(payments[0].id)).qbd.state).to.equal('reverted');
    });
  }

  it('re-reads and tries once more when the payment changed in QuickBooks in between (3200), then asks the partner', async () => {
    const env = await depositedPayments();
    const { api, company, connector, later, payments, ours, quickBooks } = env;
    const failedInQb = ours().find((p) => p.totalAmount === '10.00')!;
    await api.call('POST', `/api/payments/${payments[0].id}/fail`);
    later(5);
    // Someone edits the payment's memo in QuickBooks right after each of our reads of it.
    quickBooks.afterRequest = (requestXml) => {
      if (requestXml.includes('<ReceivePaymentQueryRq') && requestXml.includes(failedInQb.txnId)) company.touch(company.payment(failedInQb.txnId));
    };
    await connector.runSession();
    quickBooks.afterRequest = undefined;
    const failed = await env.platformPayment(payments[0].id);
    expect(failed.qbd.state).to.equal('needs_action');
    expect(failed.qbd.message).to.match(/could not be moved to it: QuickBooks refused it \(3200\)/);
    expect(requestsOf(quickBooks.log, 'ReceivePaymentModRq')).to.equal(2);
    expect(env.returns()).to.have.length(1);
  });

  it('deletes a failed payment that was never paid out, as before', async () => {
    const env = await depositedPayments();
    const { api, connection, company, connector, later, quickBooks } = env;
    const third = (await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: env.open.id, amount: '5.00' })).body;
    later(5);
    await connector.runSession();
    await api.call('POST', `/api/payments/${third.id}/fail`);
    later(5);
    quickBooks.log.length = 0;
    await connector.runSession();
    expect(requestsOf(quickBooks.log, 'TxnDelRq')).to.equal(1);
    expect(requestsOf(quickBooks.log, 'JournalEntryAddRq')).to.equal(0);
    expect([...company.payments.values()].filter((p) => p.totalAmount === '5.00' && p.refNumber?.startsWith('ALT-'))).to.have.length(0);
  });

  it('sends only schema-valid requests', async function () {
    if (!schemaAvailability().available) return this.skip();
    const { api, connector, later, quickBooks, payments } = await depositedPayments();
    await api.call('POST', `/api/payments/${payments[0].id}/fail`);
    later(5);
    quickBooks.log.length = 0;
    await connector.runSession();
    expect(requestsOf(quickBooks.log, 'JournalEntryAddRq')).to.equal(1);
    expect(Object.fromEntries(await schemaErrors(quickBooks.log.map((l, i) => ({ name: `request ${i}`, xml: l.requestXml }))))).to.deep.equal({});
  });
});
