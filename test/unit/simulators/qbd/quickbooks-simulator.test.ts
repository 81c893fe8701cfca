import { expect } from 'chai';
import { CustomerRecord } from '../../../../adapters/qbd/qbxml/records/customer-record';
import { InvoiceRecord } from '../../../../adapters/qbd/qbxml/records/invoice-record';
import { ReceivePaymentRecord } from '../../../../adapters/qbd/qbxml/records/receive-payment-record';
import { buildReceivePaymentToDepositQuery, buildHostQuery } from '../../../../adapters/qbd/qbxml/requests/company-queries';
import { buildListDeletedQuery, buildTxnDeletedQuery } from '../../../../adapters/qbd/qbxml/requests/deleted-queries';
import { buildAccountQuery, buildCustomerQuery } from '../../../../adapters/qbd/qbxml/requests/list-queries';
import { buildTxnQuery } from '../../../../adapters/qbd/qbxml/requests/txn-queries';
import { buildCustomerAdd, buildDepositAdd, buildReceivePaymentAdd, buildTxnDel } from '../../../../adapters/qbd/qbxml/requests/write-requests';
import { Instant, LocalDate } from '../../../../core/values/instant';
import { Money } from '../../../../core/values/money';
import { QbHresultError, QuickBooksSimulator } from '../../../simulators/qbd/quickbooks-simulator';
import { ask, newCompany } from './sim-harness';

const m = (s: string) => s as Money;
const lines = (...amounts: string[]) => amounts.map((a, i) => ({ itemName: 'Work', desc: `line ${i}`, amount: m(a) }));

function setup() {
  const env = newCompany();
  const customer = env.company.addCustomer({ name: 'Smith & Sons' });
  const invoice = env.company.addInvoice({ customerId: customer.listId, txnDate: '2026-11-01', refNumber: '1001', lines: lines('60.00', '40.00') });
  return { ...env, customer, invoice };
}

const invoiceQuery = (txnId: string) =>
  buildTxnQuery('invoice', { requestId: 'iq', select: { txnIds: [txnId] }, includeLinkedTxns: true, includeLineItems: true });

describe('The QuickBooks company simulator', () => {
  describe('balances as payments and credits come and go', () => {
    it('keeps AppliedAmount, BalanceRemaining, IsPaid and LinkedTxn consistent', async () => {
      const { sim, company, customer, invoice, clock } = setup();
      const before = (await ask(sim, [invoiceQuery(invoice.txnId)])).records[0] as InvoiceRecord;
      expect(before).to.deep.include({ subtotal: '100.00', appliedAmount: '0.00', balanceRemaining: '100.00', isPaid: false });

      clock.advance(60);
      const paid = await ask(sim, [
        buildReceivePaymentAdd({
          requestId: 'p',
          customer: { listId: customer.listId },
          totalAmount: m('40.00'),
          applyTo: [{ txnId: invoice.txnId, amount: m('40.00') }],
        }),
      ]);
      const payment = paid.records[0] as ReceivePaymentRecord;
      expect(JSON.parse(JSON.stringify(payment.appliedTo))).to.deep.equal([
        { txnId: invoice.txnId, txnType: 'Invoice', txnDate: '2026-11-01', refNumber: '1001', balanceRemaining: '60.00', amount: '40.00' },
      ]);
      expect(payment.depositToAccountRef?.fullName).to.equal('Undeposited Funds');

      company.addCreditMemo({ customerId: customer.listId, lines: lines('60.00'), applications: [{ invoiceId: invoice.txnId, amount: m('60.00') }] });
      const settled = (await ask(sim, [invoiceQuery(invoice.txnId)])).records[0] as InvoiceRecord;
      expect(settled).to.deep.include({ appliedAmount: '-100.00', balanceRemaining: '0.00', isPaid: true });
      expect(settled.linkedTxns.map((l) => [l.txnType, l.amount])).to.deep.equal([
        ['ReceivePayment', '-40.00'],
        ['CreditMemo', '-60.00'],
      ]);

      await ask(sim, [buildTxnDel({ requestId: 'd', txnDelType: 'ReceivePayment', txnId: payment.txnId })]);
      const reopened = (await ask(sim, [invoiceQuery(invoice.txnId)])).records[0] as InvoiceRecord;
      expect(reopened).to.deep.include({ appliedAmount: '-60.00', balanceRemaining: '40.00', isPaid: false });
    });

    it("does not touch an invoice's TimeModified when a payment is applied (the sync must not rely on it)", async () => {
      const { sim, customer, invoice, clock } = setup();
      clock.advance(3600);
      await ask(sim, [
        buildReceivePaymentAdd({
          requestId: 'p',
          customer: { listId: customer.listId },
          totalAmount: m('10.00'),
          applyTo: [{ txnId: invoice.txnId, amount: m('10.00') }],
        }),
      ]);
      const after = (await ask(sim, [invoiceQuery(invoice.txnId)])).records[0] as InvoiceRecord;
      expect(after.editSequence).to.equal(invoice.editSequence);
      expect(after.balanceRemaining).to.equal('90.00');
    });

    it('auto-applies to an invoice of exactly the amount, else oldest first, keeping the rest unused', async () => {
      const { sim, company, customer, invoice } = setup();
      const second = company.addInvoice({ customerId: customer.listId, txnDate: '2026-11-02', lines: lines('30.00') });
      const exact = (await ask(sim, [buildReceivePaymentAdd({ requestId: 'p1', customer: { listId: customer.listId }, totalAmount: m('30.00') })]))
        .records[0] as ReceivePaymentRecord;
      expect(exact.appliedTo.map((a) => a.txnId)).to.deep.equal([second.txnId]);
      const spread = (await ask(sim, [buildReceivePaymentAdd({ requestId: 'p2', customer: { listId: customer.listId }, totalAmount: m('150.00') })]))
        .records[0] as ReceivePaymentRecord;
      expect(spread.appliedTo.map((a) => [a.txnId, a.amount])).to.deep.equal([[invoice.txnId, '100.00']]);
      expect(spread.unusedPayment).to.equal('50.00');
    });

    it('refuses paying more than is due (3210), an unknown customer (3140) and an unknown invoice (3120)', async () => {
      const { sim, customer, invoice } = setup();
      const answer = await ask(sim, [
        buildReceivePaymentAdd({
          requestId: 'over',
          customer: { listId: customer.listId },
          totalAmount: m('100.01'),
          applyTo: [{ txnId: invoice.txnId, amount: m('100.01') }],
        }),
        buildReceivePaymentAdd({ requestId: 'who', customer: { fullName: 'Nobody' }, totalAmount: m('1.00') }),
        buildReceivePaymentAdd({
          requestId: 'what',
          customer: { listId: customer.listId },
          totalAmount: m('1.00'),
          applyTo: [{ txnId: 'FFF-1', amount: m('1.00') }],
        }),
      ]);
      expect(answer.statuses.map((s) => [s.requestId, s.statusCode])).to.deep.equal([
        ['over', 3210],
        ['who', 3140],
        ['what', 3120],
      ]);
      expect(answer.statuses[0].statusMessage).to.include('You cannot pay more than the amount due');
      expect(answer.records).to.have.length(0);
    });
  });

  describe('queries', () => {
    function withCustomers(count: number) {
      const env = newCompany();
      const made = Array.from({ length: count }, (_, i) => {
        env.clock.advance(60);
        return env.company.addCustomer({ name: `C${String(i).padStart(2, '0')}`, isActive: i % 5 !== 0 });
      });
      return { ...env, made };
    }

    it('pages with an iterator: stable order, remaining counts, and 3391 once the session is gone', async () => {
      const { sim, made } = withCustomers(25);
      const select = { maxReturned: 10, activeStatus: 'All' as const };
      const first = await ask(sim, [buildCustomerQuery({ requestId: 'c', step: { iterator: 'Start' }, select })]);
      const iteratorId = first.statuses[0].iteratorId!;
      expect(first.statuses[0].iteratorRemainingCount).to.equal(15);
      const second = await ask(sim, [buildCustomerQuery({ requestId: 'c', step: { iterator: 'Continue', iteratorId }, select })]);
      const third = await ask(sim, [buildCustomerQuery({ requestId: 'c', step: { iterator: 'Continue', iteratorId }, select })]);
      expect([second, third].map((a) => a.statuses[0].iteratorRemainingCount)).to.deep.equal([5, 0]);
      const ids = [first, second, third].flatMap((a) => a.records.map((r) => (r as CustomerRecord).listId));
      expect(ids).to.deep.equal(made.map((c) => c.listId));

      const again = await ask(sim, [buildCustomerQuery({ requestId: 'c2', step: { iterator: 'Start' }, select })]);
      sim.openSession();
      const stale = await ask(sim, [
        buildCustomerQuery({ requestId: 'c3', step: { iterator: 'Continue', iteratorId: again.statuses[0].iteratorId! }, select }),
      ]);
      expect(stale.statuses[0]).to.include({ statusCode: 3391, statusSeverity: 'Error' });
      expect(stale.statuses[0].meaning.class).to.equal('bad-iterator');
    });

    it('hides inactive customers unless asked for All (QuickBooks defaults to ActiveOnly)', async () => {
      const { sim } = withCustomers(10);
      const count = async (activeStatus?: 'All' | 'InactiveOnly') =>
        (await ask(sim, [buildCustomerQuery({ requestId: 'c', select: { activeStatus } })])).records.length;
      expect([await count(), await count('All'), await count('InactiveOnly')]).to.deep.equal([8, 10, 2]);
    });

    it('filters by modified date with inclusive bounds, to the second', async () => {
      const { sim, made, company } = withCustomers(5);
      const at = (i: number) => company.clock.format(made[i].modified) as Instant;
      const answer = await ask(sim, [buildCustomerQuery({ requestId: 'c', select: { activeStatus: 'All', modified: { from: at(1), to: at(3) } } })]);
      expect(answer.records.map((r) => (r as CustomerRecord).name)).to.deep.equal(['C01', 'C02', 'C03']);
    });

    it('answers "no match" with status 1, which is not an error', async () => {
      const { sim } = withCustomers(0);
      const answer = await ask(sim, [buildCustomerQuery({ requestId: 'c', select: { activeStatus: 'All' } })]);
      expect(answer.statuses[0]).to.include({ statusCode: 1, statusSeverity: 'Info' });
      expect(answer.statuses[0].meaning.class).to.equal('no-match');
    });

    it('filters invoices by transaction date, customer and paid status, and trims with IncludeRetElement', async () => {
      const { sim, company, customer, invoice } = setup();
      const other = company.addCustomer({ name: 'Other' });
      company.addInvoice({ customerId: other.listId, txnDate: '2026-10-01', lines: lines('5.00') });
      const paidOff = company.addInvoice({ customerId: customer.listId, txnDate: '2026-11-03', lines: lines('5.00') });
      company.receivePayment({ customerId: customer.listId, totalAmount: m('5.00'), applications: [{ invoiceId: paidOff.txnId, amount: m('5.00') }] });
      const byDate = await ask(sim, [buildTxnQuery('invoice', { requestId: 'a', select: { txnDate: { from: '2026-11-01' as LocalDate } } })]);
      expect(byDate.records).to.have.length(2);
      const open = await ask(sim, [buildTxnQuery('invoice', { requestId: 'b', select: { customerListIds: [customer.listId], paidStatus: 'NotPaidOnly' } })]);
      expect(open.records.map((r) => (r as InvoiceRecord).txnId)).to.deep.equal([invoice.txnId]);
      const trimmed = await ask(sim, [buildTxnQuery('invoice', { requestId: 'c', select: { txnIds: [invoice.txnId] }, includeRetElements: ['TxnID'] })]);
      expect(trimmed.xml).to.match(/<InvoiceRet>\n<TxnID>[^<]+<\/TxnID>\n<\/InvoiceRet>/);
    });

    it('answers a lookup with some unknown ids with 500 and what it found, and with all unknown with 3120', async () => {
      const { sim, invoice } = setup();
      const partly = await ask(sim, [buildTxnQuery('invoice', { requestId: 'a', select: { txnIds: [invoice.txnId, 'FFF-1'] } })]);
      expect(partly.statuses[0]).to.include({ statusCode: 500, statusSeverity: 'Warn' });
      expect(partly.records).to.have.length(1);
      const none = await ask(sim, [buildTxnQuery('invoice', { requestId: 'b', select: { txnIds: ['FFF-1'] } })]);
      expect(none.statuses[0].statusCode).to.equal(3120);
    });
  });

  describe('edits, names and deletions', () => {
    const customerMod = (listId: string, editSequence: string, name: string) =>
      `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="13.0"?>\n<QBXML><QBXMLMsgsRq onError="stopOnError"><CustomerModRq requestID="mod"><CustomerMod><ListID>${listId}</ListID><EditSequence>${editSequence}</EditSequence><Name>${name}</Name></CustomerMod></CustomerModRq></QBXMLMsgsRq></QBXML>`;

    it('answers a stale EditSequence with 3200, and a current one with a new EditSequence and TimeModified', async () => {
      const { sim, customer, clock } = setup();
      const first = customer.editSequence;
      clock.advance(5);
      expect(await sim.process(customerMod(customer.listId, first, 'Smith Bros'))).to.include('statusCode="0"');
      expect(customer.editSequence).not.to.equal(first);
      expect(customer.modified.getTime()).to.be.greaterThan(customer.created.getTime());
      expect(await sim.process(customerMod(customer.listId, first, 'Smith Again'))).to.include('statusCode="3200"');
    });

    it('refuses a name already used by a customer or any other name list (3100)', async () => {
      const { sim, company } = setup();
      company.otherNames.add('Acme Supplies');
      const answer = await ask(sim, [
        buildCustomerAdd({ requestId: 'a', name: 'smith & sons' }),
        buildCustomerAdd({ requestId: 'b', name: 'Acme Supplies' }),
        buildCustomerAdd({ requestId: 'c', name: 'New One' }),
      ]);
      expect(answer.statuses.map((s) => s.statusCode)).to.deep.equal([3100, 3100, 0]);
    });

    it('voids an invoice (TxnVoidRq): amounts zero, "VOID:" before the memo, its payments unapplied', async () => {
      const { sim, company, customer, invoice, clock } = setup();
      const payment = company.receivePayment({
        customerId: customer.listId,
        totalAmount: m('40.00'),
        applications: [{ invoiceId: invoice.txnId, amount: m('40.00') }],
      });
      clock.advance(60);
      const voidRq = {
        rqName: 'TxnVoidRq',
        requestId: 'v',
        minVersion: '1.1' as const,
        xml: `<TxnVoidRq requestID="v"><TxnVoidType>Invoice</TxnVoidType><TxnID>${invoice.txnId}</TxnID></TxnVoidRq>`,
      };
      const answer = await ask(sim, [voidRq]);
      expect(answer.statuses[0].statusCode).to.equal(0);
      const read = (await ask(sim, [invoiceQuery(invoice.txnId)])).records[0] as InvoiceRecord;
      expect(read).to.deep.include({ subtotal: '0.00', balanceRemaining: '0.00', memo: 'VOID:' });
      expect(read.lines.every((l) => l.kind === 'line' && l.amount === '0.00')).to.equal(true);
      expect(company.paymentUnused(company.payments.get(payment.txnId)!)).to.equal('40.00');
    });

    it('lists deletions for 90 days, then forgets them', async () => {
      const { sim, company, customer, invoice, clock } = setup();
      const gone = company.addCustomer({ name: 'Short-lived' });
      company.deleteCustomer(gone.listId);
      await ask(sim, [buildTxnDel({ requestId: 'd', txnDelType: 'Invoice', txnId: invoice.txnId })]);
      const deletedQueries = () =>
        ask(sim, [buildTxnDeletedQuery({ requestId: 't', types: ['Invoice'] }), buildListDeletedQuery({ requestId: 'l', types: ['Customer'] })]);
      const now = await deletedQueries();
      expect(now.records.map((r) => r.type)).to.deep.equal(['TxnDeletedRet', 'ListDeletedRet']);
      clock.advance(89 * 86_400);
      expect((await deletedQueries()).records).to.have.length(2);
      clock.advance(2 * 86_400);
      expect((await deletedQueries()).statuses.map((s) => s.statusCode)).to.deep.equal([1, 1]);
      expect(company.customers.has(customer.listId)).to.equal(true);
    });
  });

  describe('deposits', () => {
    it('lists payments waiting in Undeposited Funds, deposits them, then refuses to delete a deposited payment', async () => {
      const { sim, company, customer, invoice } = setup();
      const p1 = company.receivePayment({
        customerId: customer.listId,
        totalAmount: m('30.00'),
        applications: [{ invoiceId: invoice.txnId, amount: m('30.00') }],
      });
      const checking = [...company.accounts.values()].find((a) => a.name === 'Checking')!;
      company.receivePayment({
        customerId: customer.listId,
        totalAmount: m('20.00'),
        depositToAccountId: checking.listId,
        applications: [{ invoiceId: invoice.txnId, amount: m('20.00') }],
      });
      const waiting = await ask(sim, [buildReceivePaymentToDepositQuery({ requestId: 'w' })]);
      expect(waiting.records.map((r) => r.type === 'ReceivePaymentToDepositRet' && r.txnId)).to.deep.equal([p1.txnId]);
      const deposit = await ask(sim, [
        buildDepositAdd({
          requestId: 'dep',
          depositToAccount: { listId: checking.listId },
          lines: [{ paymentTxnId: p1.txnId }, { account: { fullName: 'Merchant Fees' }, amount: m('-0.90') }],
        }),
      ]);
      expect(deposit.records[0]).to.deep.include({ type: 'DepositRet', depositTotal: '29.10' });
      expect((await ask(sim, [buildReceivePaymentToDepositQuery({ requestId: 'w2' })])).statuses[0].statusCode).to.equal(1);
      const again = await ask(sim, [
        buildDepositAdd({ requestId: 'dep2', depositToAccount: { listId: checking.listId }, lines: [{ paymentTxnId: p1.txnId }] }),
      ]);
      expect(again.statuses[0].statusCode).to.equal(3210);
      const del = await ask(sim, [buildTxnDel({ requestId: 'del', txnDelType: 'ReceivePayment', txnId: p1.txnId })]);
      expect(del.statuses[0].statusCode).to.equal(3210);
      expect(del.statuses[0].statusMessage).to.include('deposited');
    });
  });

  describe('the message set', () => {
    it('with stopOnError leaves out the requests after a failure; with continueOnError answers them all', async () => {
      const { sim } = setup();
      const requests = () => [buildCustomerAdd({ requestId: 'dup', name: 'Smith & Sons' }), buildHostQuery({ requestId: 'host' })];
      expect((await ask(sim, requests(), 'stopOnError')).statuses.map((s) => s.requestId)).to.deep.equal(['dup']);
      expect((await ask(sim, requests(), 'continueOnError')).statuses.map((s) => s.requestId)).to.deep.equal(['dup', 'host']);
    });

    it('fails the whole set with 0x80040400 for unparsable XML, a missing or too new qbxml version, or a schema error', async () => {
      const { sim, company } = setup();
      const fails = async (xml: string, s = sim) => {
        try {
          await s.process(xml);
        } catch (error) {
          return (error as QbHresultError).hresult;
        }
        return 'answered';
      };
      const body = '<QBXML><QBXMLMsgsRq onError="stopOnError"><HostQueryRq/></QBXMLMsgsRq></QBXML>';
      expect(await fails('<QBXML><oops')).to.equal('0x80040400');
      expect(await fails(`<?xml version="1.0"?>${body}`)).to.equal('0x80040400');
      expect(await fails(`<?xml version="1.0"?><?qbxml version="14.0"?>${body}`)).to.equal('0x80040400');
      expect(await fails(`<?xml version="1.0"?><?qbxml version="13.0"?>${body}`)).to.equal('answered');
      const strict = new QuickBooksSimulator(company, { validate: async (xml) => (xml.includes('<Bogus') ? ['Element Bogus is not expected'] : []) });
      expect(
        await fails(
          `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><HostQueryRq><Bogus/></HostQueryRq></QBXMLMsgsRq></QBXML>`,
          strict,
        ),
      ).to.equal('0x80040400');
    });

    it("writes answers with QuickBooks' quirks: its header, one element per line, local offsets without Z", async () => {
      const { sim } = setup();
      const { xml } = await ask(sim, [buildAccountQuery({ requestId: 'a' })]);
      expect(xml.startsWith('<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n')).to.equal(true);
      expect(xml.split('\n').every((line) => line === '' || /^<[^<]*>([^<]*<\/[^>]+>)?$/.test(line))).to.equal(true);
      expect(xml).to.match(/<TimeCreated>2026-11-02T09:00:00-06:00<\/TimeCreated>/);
      expect(xml).not.to.match(/T\d\d:\d\d:\d\dZ/);
    });
  });

  describe('faults on demand', () => {
    it('answers lock errors for the next writes, then works again', async () => {
      const { sim } = setup();
      sim.misbehaviour.lockNextWrites = 1;
      const locked = await ask(sim, [buildCustomerAdd({ requestId: 'a', name: 'Locked Out' })]);
      expect(locked.statuses[0].statusCode).to.equal(3180);
      expect(locked.statuses[0].meaning.retry).to.equal('next-session');
      expect((await ask(sim, [buildCustomerAdd({ requestId: 'b', name: 'Locked Out' })])).statuses[0].statusCode).to.equal(0);
    });

    it('cuts an answer in half, which the reader reports as truncated', async () => {
      const { sim } = setup();
      sim.misbehaviour.truncateNextAnswer = true;
      let message = '';
      await ask(sim, [buildAccountQuery({ requestId: 'a' })]).catch((e: Error) => (message = e.message));
      expect(message).to.match(/truncated|not readable/);
    });

    it('waits before answering when told to be slow', async () => {
      const { sim } = setup();
      sim.misbehaviour.delayMs = 120;
      const started = Date.now();
      await ask(sim, [buildHostQuery({ requestId: 'h' })]);
      expect(Date.now() - started).to.be.at.least(100);
    });

    it('reproduces the daylight-saving offset bug: right wall time, standard offset', async () => {
      const summer = newCompany('2026-07-01T15:00:00Z');
      summer.company.addCustomer({ name: 'Summer' });
      const honest = (await ask(summer.sim, [buildCustomerQuery({ requestId: 'c' })])).records[0] as CustomerRecord;
      expect(honest.timeCreated).to.equal('2026-07-01T10:00:00-05:00');
      summer.clock.dstBug = true;
      const buggy = (await ask(summer.sim, [buildCustomerQuery({ requestId: 'c' })])).records[0] as CustomerRecord;
      expect(buggy.timeCreated).to.equal('2026-07-01T10:00:00-06:00');
    });
  });
});
