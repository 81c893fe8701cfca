import { expect } from 'chai';
import { Money } from '../../core/values/money';
import { BUILT_IN_SYNC } from '../../core/config/app-config';
import { QuickBooksCompany } from '../simulators/qbd/quickbooks-company';
import { TestClock, connectedCompany } from '../support/connected-company';
import { schemaAvailability, schemaErrors } from '../support/qbxml-schema';
import { useTestService } from '../support/use-test-service';

interface AltInvoice {
  memo: string | null;
  number: string | null;
  txnDate: string;
  dueDate: string | null;
  total: string;
  balance: string;
  status: string;
  archived: boolean;
  deleted: boolean;
  qbd: { txnId: string };
  lines: { amount: string }[];
}

describe('Invoices from QuickBooks into Alternative (simulators end to end)', function () {
  this.timeout(120_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({}, clock.read);

  async function setup(options: { invoices: number; years: number }) {
    const env = await connectedCompany(service.current, clock, { seed: 21, customers: 15, ...options });
    const invoices = () => env.all<AltInvoice>(`/api/connections/${env.connection.id}/invoices?archived=include`);
    const byTxn = async (txnId: string) => (await invoices()).find((i) => i.qbd.txnId === txnId)!;
    return { ...env, invoices, byTxn };
  }

  /** What Alternative must hold for every invoice QuickBooks has. */
  function expectSameAsQuickBooks(company: QuickBooksCompany, alt: AltInvoice[]): void {
    const live = alt.filter((i) => !i.deleted);
    expect(live.map((i) => i.qbd.txnId)).to.have.members([...company.invoices.keys()]);
    for (const invoice of company.invoices.values()) {
      const mine = live.find((i) => i.qbd.txnId === invoice.txnId)!;
      expect({ total: mine.total, balance: mine.balance, lines: mine.lines.length }, invoice.txnId).to.deep.equal({
        total: company.invoiceTotal(invoice),
        balance: company.invoiceBalance(invoice),
        lines: invoice.lines.length,
      });
    }
  }

  it('reads the last 12 months first, then older windows, and ends with every invoice and its balance', async () => {
    const { company, connector, quickBooks, invoices, api, connection } = await setup({ invoices: 150, years: 3 });
    const outcome = await connector.runSession();
    expect(outcome.ended).to.equal('closed');
    expect(outcome.percents).to.deep.equal([...outcome.percents].sort((a, b) => a - b));
    const windows = quickBooks.log
      .map((l) => l.requestXml)
      .filter((x) => x.includes('<InvoiceQueryRq') && x.includes('iterator="Start"') && x.includes('TxnDateRangeFilter'))
      .map((x) => /<FromTxnDate>([^<]+)/.exec(x)![1]);
    expect(windows[0]).to.equal('2025-11-25');
    expect(windows.length).to.be.at.least(3);
    expect(windows).to.deep.equal([...windows].sort().reverse());
    expectSameAsQuickBooks(company, await invoices());
    expect((await api.call('GET', `/api/connections/${connection.id}`)).body.progress).to.deep.include({ percent: 100, phase: 'done' });
  });

  it("moves the Web Connector's bar page by page within a long step, never backwards", async () => {
    const { connector, quickBooks } = await setup({ invoices: 4 * BUILT_IN_SYNC.pageSize + 50, years: 1 });
    const outcome = await connector.runSession();
    // One answer (and one percent) for each message QuickBooks ran.
    expect(outcome.percents).to.have.length(quickBooks.log.length);
    const isInvoicePage = (xml: string) => xml.includes('<InvoiceQueryRq') && xml.includes('TxnDateRangeFilter') && xml.includes('<MaxReturned>');
    const pagePercents = outcome.percents.filter((_, i) => isInvoicePage(quickBooks.log[i].requestXml));
    expect(pagePercents.length).to.be.at.least(5);
    // Steps alone would give the same value for every page of the step; each page moves the bar on.
    const pagesOfFullWindow = pagePercents.slice(0, 4);
    expect(new Set(pagesOfFullWindow).size, `percents ${outcome.percents.join(' ')}`).to.equal(4);
    expect(outcome.percents).to.deep.equal([...outcome.percents].sort((a, b) => a - b));
  });

  it('shows a partial payment and a credit memo made in QuickBooks in the balance at the next poll', async () => {
    const { company, connector, later, byTxn } = await setup({ invoices: 20, years: 1 });
    const open = [...company.invoices.values()].filter((i) => company.invoiceBalance(i) === company.invoiceTotal(i));
    await connector.runSession();
    later(10);
    const [paid, credited] = open;
    company.receivePayment({ customerId: paid.customerId, totalAmount: '1.00' as Money, applications: [{ invoiceId: paid.txnId, amount: '1.00' as Money }] });
    company.addCreditMemo({
      customerId: credited.customerId,
      lines: [{ itemName: 'Credit', amount: '2.50' as Money }],
      applications: [{ invoiceId: credited.txnId, amount: '2.50' as Money }],
    });
    later(10);
    await connector.runSession();
    expect(await byTxn(paid.txnId)).to.deep.include({ balance: company.invoiceBalance(paid), status: 'partially-paid' });
    expect(await byTxn(credited.txnId)).to.deep.include({ balance: company.invoiceBalance(credited), status: 'partially-paid' });
  });

  it('reads an invoice again for a payment once, not at every poll while the payment is within the three-hour overlap', async () => {
    const { company, connector, later, byTxn, quickBooks } = await setup({ invoices: 20, years: 1 });
    const [first, second] = [...company.invoices.values()].filter((i) => company.invoiceBalance(i) === company.invoiceTotal(i));
    await connector.runSession();
    const rereads = () =>
      quickBooks.log
        .filter((l) => l.requestXml.includes('<InvoiceQueryRq') && l.requestXml.includes('<TxnID>'))
        .map((l) => [...l.requestXml.matchAll(/<TxnID>([^<]+)/g)].map((m) => m[1]));
    const pay = (invoice: typeof first) => () =>
      company.receivePayment({
        customerId: invoice.customerId,
        totalAmount: '1.00' as Money,
        applications: [{ invoiceId: invoice.txnId, amount: '1.00' as Money }],
      });
    /** Ten minutes later, after `act` in QuickBooks: the invoices the next poll reads again by id. */
    const pollAfter = async (act: () => void) => {
      later(10);
      act();
      quickBooks.log.length = 0;
      await connector.runSession();
      return rereads();
    };
    expect(await pollAfter(pay(first))).to.deep.equal([[first.txnId]]);
    expect((await byTxn(first.txnId)).balance).to.equal(company.invoiceBalance(first));
    // Still within the overlap, so read again, but already seen: nothing to re-read.
    expect(await pollAfter(() => undefined)).to.deep.equal([]);
    // A new payment within the same overlap is still found.
    expect(await pollAfter(pay(second))).to.deep.equal([[second.txnId]]);
    expect((await byTxn(second.txnId)).balance).to.equal(company.invoiceBalance(second));
  });

  it('shows a payment deleted in QuickBooks in the balance, though nothing modified is left to find', async () => {
    const { company, connector, later, byTxn } = await setup({ invoices: 20, years: 1 });
    const open = [...company.invoices.values()].find((i) => company.invoiceBalance(i) === company.invoiceTotal(i))!;
    const payment = company.receivePayment({
      customerId: open.customerId,
      totalAmount: '3.00' as Money,
      applications: [{ invoiceId: open.txnId, amount: '3.00' as Money }],
    });
    await connector.runSession();
    expect((await byTxn(open.txnId)).status).to.equal('partially-paid');
    later(10);
    company.deleteTxn('ReceivePayment', payment.txnId);
    later(10);
    await connector.runSession();
    expect(await byTxn(open.txnId)).to.deep.include({ balance: company.invoiceTotal(open), status: 'open' });
  });

  it('follows amount and due-date changes of unpaid invoices, keeps a paid one as it is, and archives deleted ones', async () => {
    const { company, connector, later, byTxn } = await setup({ invoices: 30, years: 1 });
    const open = [...company.invoices.values()].filter((i) => company.invoiceBalance(i) === company.invoiceTotal(i));
    const paid = [...company.invoices.values()].find((i) => company.invoiceBalance(i) === '0.00')!;
    await connector.runSession();
    later(10);
    company.editInvoice(open[0].txnId, { dueDate: '2027-01-31', lines: [{ itemName: 'Consulting', amount: '123.45' as Money }] });
    company.editInvoice(paid.txnId, { dueDate: '2027-02-28' });
    company.deleteTxn('Invoice', open[1].txnId);
    later(10);
    await connector.runSession();
    const edited = await byTxn(open[0].txnId);
    expect(edited).to.deep.include({ total: company.invoiceTotal(open[0]), dueDate: '2027-01-31' });
    expect(edited.lines.map((l) => l.amount)).to.deep.equal(['123.45']);
    const paidInAlt = await byTxn(paid.txnId);
    expect(paidInAlt.dueDate).not.to.equal('2027-02-28');
    expect(paidInAlt.status).to.equal('paid');
    expect(await byTxn(open[1].txnId)).to.deep.include({ deleted: true, archived: true });
  });

  it('shows an invoice voided in QuickBooks as void with nothing owing, and stops taking payments for it', async () => {
    const { api, connection, company, connector, later, byTxn } = await setup({ invoices: 30, years: 1 });
    const open = [...company.invoices.values()].find((i) => company.invoiceBalance(i) === company.invoiceTotal(i))!;
    await connector.runSession();
    const before = await byTxn(open.txnId);
    expect(before.status).to.equal('open');
    later(10);
    company.voidInvoice(open.txnId);
    later(10);
    await connector.runSession();
    const voided = await byTxn(open.txnId);
    expect(voided).to.deep.include({ status: 'void', total: '0.00', balance: '0.00', deleted: false });
    const altId = (await api.call('GET', `/api/connections/${connection.id}/invoices?limit=200`)).body.items.find(
      (i: AltInvoice) => i.qbd.txnId === open.txnId,
    ).id;
    expect((await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: altId, amount: '1.00' })).status).to.equal(422);
  });

  it('records an invoice QuickBooks sends in a form we cannot read in the sync log, and syncs the rest', async () => {
    const { api, connection, company, connector, later, invoices } = await setup({ invoices: 30, years: 1 });
    await connector.runSession();
    later(10);
    const [broken, fine] = [...company.invoices.values()];
    // Three decimals: not money QuickBooks' own schema allows, so the record is refused whole.
    broken.lines = [{ ...broken.lines[0], amount: '10.005' as Money }];
    company.touch(broken);
    company.editInvoice(fine.txnId, { memo: 'edited after the broken one' });
    later(10);
    const outcome = await connector.runSession();
    expect(outcome.ended).to.equal('closed');
    const events = (await api.call('GET', `/api/connections/${connection.id}/events?limit=200`)).body.items as {
      sourceId: string;
      outcome: string;
      to: string;
      message: string;
    }[];
    const failed = events.find((e) => e.sourceId === broken.txnId && e.outcome === 'failed');
    expect(failed, 'a failed event for the broken invoice').to.not.equal(undefined);
    expect(failed!.to).to.equal('none');
    expect(failed!.message).to.match(/Amount|10\.005|money/i);
    expect((await invoices()).find((i) => i.qbd.txnId === fine.txnId)!.memo).to.equal('edited after the broken one');
  });

  it('resumes an initial sync cut mid-way: nothing lost, nothing twice', async () => {
    const { company, connector, invoices, later } = await setup({ invoices: 120, years: 3 });
    const cut = await connector.runSession({ dropAfterRequest: 6 });
    expect(cut.ended).to.equal('dropped');
    later(0.1); // runs again seconds later: the new sign-in replaces the dead session
    const resumed = await connector.runSession();
    expect(resumed.ended).to.equal('closed');
    const alt = await invoices();
    expect(alt).to.have.length(new Set(alt.map((i) => i.qbd.txnId)).size);
    expectSameAsQuickBooks(company, alt);
  });

  it('sends only schema-valid requests', async function () {
    if (!schemaAvailability().available) return this.skip();
    const { connector, quickBooks, later, company } = await setup({ invoices: 30, years: 2 });
    await connector.runSession();
    later(10);
    const invoice = [...company.invoices.values()].find((i) => company.invoiceBalance(i) !== '0.00')!;
    company.receivePayment({
      customerId: invoice.customerId,
      totalAmount: '0.01' as Money,
      applications: [{ invoiceId: invoice.txnId, amount: '0.01' as Money }],
    });
    await connector.runSession();
    expect(Object.fromEntries(await schemaErrors(quickBooks.log.map((l, i) => ({ name: `request ${i}`, xml: l.requestXml }))))).to.deep.equal({});
  });
});
