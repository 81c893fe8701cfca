import { expect } from 'chai';
import { readQwc } from '../simulators/qbwc/qwc-reader';
import { WebConnector } from '../simulators/qbwc/web-connector';
import { TestClock, connectedCompany } from '../support/connected-company';
import { useTestService } from '../support/use-test-service';

interface Line {
  text: string;
  outcome: string;
  item: string;
  operation: string;
  needsAttention: boolean;
  advice: string | null;
  summary: Record<string, number> | null;
  record: { name: string; customer: string | null } | null;
}
interface Attention {
  kind: string;
  text: string;
  advice: string;
}

describe("The partner's view: a log in words, what needs attention, a connection that went quiet (simulators end to end)", function () {
  this.timeout(60_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  // The quiet watch looks every second here (60 s by default): the test waits for it as a partner would.
  const service = useTestService({ QUIET_CHECK_SECONDS: '1' }, clock.read);

  async function synced() {
    const env = await connectedCompany(service.current, clock, { seed: 47, customers: 8, invoices: 20, years: 1 });
    expect((await env.connector.runSession()).ended).to.equal('closed');
    const base = `/api/connections/${env.connection.id}`;
    const log = async (query = '') => (await env.api.call('GET', `${base}/events?limit=200${query}`)).body.items as Line[];
    const current = async () => (await env.api.call('GET', base)).body;
    return { ...env, base, log, current };
  }

  it('tells the first sync in sentences naming each record, with one summary line, and writes nothing for a sync that found nothing new', async () => {
    const { company, log, later, connector } = await synced();
    const lines = await log();
    const invoice = [...company.invoices.values()][0];
    const customer = company.customers.get(invoice.customerId)!;
    expect(lines.map((l) => l.text)).to.include(`Invoice ${invoice.refNumber} for ${customer.fullName} added from QuickBooks Desktop.`);
    expect(lines.map((l) => l.text)).to.include(`Customer ${customer.fullName} added from QuickBooks Desktop.`);
    const summary = lines.find((l) => l.item === 'sync')!;
    expect(summary.text).to.match(/^Sync finished — \d+ invoices added, \d+ customers added/);
    expect(lines[0]).to.equal(summary); // newest first: the summary closes the session
    expect(lines.filter((l) => l.item !== 'sync' && l.item !== 'connection').every((l) => l.record !== null || l.outcome === 'skipped')).to.equal(true);
    later(5);
    await connector.runSession(); // an incremental sync re-reads the overlap: nothing new
    expect((await log()).length).to.equal(lines.length);
  });

  it('says what was archived and why, and counts it in the session line', async () => {
    const { company, log, later, connector } = await synced();
    const gone = [...company.invoices.values()].find((i) => company.invoiceBalance(i) !== '0.00')!;
    const customer = company.customers.get(gone.customerId)!;
    company.deleteTxn('Invoice', gone.txnId);
    later(5);
    await connector.runSession();
    const [summary, ...rest] = await log();
    expect(rest.map((l) => l.text)).to.include(`Invoice ${gone.refNumber} for ${customer.fullName} archived — deleted in QuickBooks Desktop.`);
    expect(summary.text).to.equal('Sync finished — 1 invoice archived.');
  });

  it('puts a payment QuickBooks refused under needs attention, naming it and saying what to do, in the log and in the API', async () => {
    const { api, base, company, current: connection, log, later, connector } = await synced();
    const accounts = (await api.call('GET', `${base}/accounts`)).body as { id: string; recommended: boolean }[];
    expect((await connection()).needsAttention.map((a: Attention) => a.kind)).to.deep.equal(['choose_accounts']);
    await api.call('PATCH', `${base}/settings`, { paymentAccountId: accounts.find((a) => a.recommended)!.id });
    expect((await connection()).needsAttention[0].text).to.equal('Choose the bank account payouts go to in QuickBooks.');
    const invoices = (await api.call('GET', `${base}/invoices?limit=200`)).body.items as {
      id: string;
      number: string;
      customerName: string;
      qbd: { txnId: string };
      status: string;
    }[];
    const target = invoices.find((i) => i.status === 'open')!;
    const inQuickBooks = company.invoice(target.qbd.txnId);
    company.receivePayment({
      customerId: inQuickBooks.customerId,
      totalAmount: company.invoiceBalance(inQuickBooks),
      applications: [{ invoiceId: inQuickBooks.txnId, amount: company.invoiceBalance(inQuickBooks) }],
    });
    expect((await api.call('POST', `${base}/payments`, { invoiceId: target.id, amount: '20.00' })).status).to.equal(201);
    later(5);
    await connector.runSession();
    const attention = (await api.call('GET', `${base}/attention`)).body.items as Attention[];
    expect(attention).to.have.length(1);
    expect(attention[0].text).to.equal(
      `Payment of 20.00 from ${target.customerName} for invoice ${target.number} is not in QuickBooks Desktop: it refused the write.`,
    );
    expect(attention[0].advice).to.match(/^Reconciliation needed/);
    const flagged = await log('&filter=attention');
    expect(flagged).to.have.length(1);
    expect(flagged[0]).to.deep.include({
      needsAttention: true,
      text: `Payment of 20.00 from ${target.customerName} for invoice ${target.number} was not recorded in QuickBooks Desktop. ${attention[0].advice}`,
    });
    expect((await log())[0].text).to.match(/1 payment needing attention/);
    expect((await api.call('GET', `${base}/events?filter=everything`)).status).to.equal(422);
  });

  it('shows a refused sign-in as such until the Web Connector signs in again', async () => {
    const { connection: created, quickBooks, current: connection, later, connector } = await synced();
    const qwc = readQwc(await (await fetch(created.install.qwcUrl)).text());
    const wrong = new WebConnector({
      qwc,
      password: 'not-the-password',
      quickBooks,
      desktop: { companyFilePath: 'C:\\Acme.QBW', isRunning: true },
      noOpPauseMs: 10,
    });
    later(1);
    expect((await wrong.runSession()).ended).to.not.equal('closed');
    const refused = await connection();
    expect(refused.signIns.lastRefused).to.equal(true);
    expect(refused.needsAttention.map((a: Attention) => a.kind)).to.include('sign_in_refused');
    later(5);
    await connector.runSession();
    expect((await connection()).needsAttention.map((a: Attention) => a.kind)).to.not.include('sign_in_refused');
  });

  it('marks a connection stale after three quiet intervals, once, with what to check, and well again when the Web Connector calls', async () => {
    const { current: connection, log, later, connector } = await synced();
    expect((await connection()).health.state).to.equal('ok');
    later(16); // three 5-minute intervals and a bit, with no Web Connector
    expect((await connection()).health).to.deep.include({ state: 'stale', quietAfterMinutes: 15 });
    let quiet: Line | undefined;
    while (!(quiet = (await log()).find((l) => l.operation === 'quiet'))) await new Promise((r) => setTimeout(r, 200));
    expect(quiet).to.deep.include({ needsAttention: true, text: 'QuickBooks Desktop has not synced for three sync intervals: the connection is stale.' });
    expect(quiet.advice).to.match(/Web Connector/);
    expect((await connection()).needsAttention.map((a: Attention) => a.kind)).to.include('stale');
    later(30);
    await new Promise((r) => setTimeout(r, 2500)); // two more looks of the watch: the spell is told once
    expect((await log()).filter((l) => l.operation === 'quiet')).to.have.length(1);
    await connector.runSession();
    const after = await connection();
    expect(after.health.state).to.equal('ok');
    expect(after.needsAttention.map((a: Attention) => a.kind)).to.not.include('stale');
    expect((await log()).map((l) => l.text)).to.include('QuickBooks Desktop is syncing again.');
  });

  it('hides archived invoices unless asked, names each customer, and finds invoices by number or customer', async () => {
    const { api, base, company, later, connector } = await synced();
    const gone = [...company.invoices.values()][1];
    company.deleteTxn('Invoice', gone.txnId);
    later(5);
    await connector.runSession();
    const listed = async (query: string) =>
      (await api.call('GET', `${base}/invoices?limit=200${query}`)).body.items as {
        id: string;
        number: string;
        customerName: string;
        archived: boolean;
        deleted: boolean;
        balance: string;
        qbd: { txnId: string };
      }[];
    const live = await listed('');
    expect(live.map((i) => i.qbd.txnId)).to.not.include(gone.txnId);
    expect(live.every((i) => !i.archived && !i.deleted)).to.equal(true);
    const all = await listed('&archived=include');
    expect(all.length).to.equal(live.length + 1);
    expect(all.find((i) => i.qbd.txnId === gone.txnId)).to.deep.include({ deleted: true });
    for (const i of live) {
      const inQuickBooks = company.invoice(i.qbd.txnId);
      expect(i.customerName).to.equal(company.customers.get(inQuickBooks.customerId)!.fullName);
      expect(i.balance).to.equal(company.invoiceBalance(inQuickBooks));
    }
    const one = live[3];
    expect((await listed(`&q=${encodeURIComponent(one.number)}`)).map((i) => i.id)).to.include(one.id);
    const byCustomer = await listed(`&q=${encodeURIComponent(one.customerName.slice(1, 6).toUpperCase())}`);
    expect(byCustomer.map((i) => i.id)).to.include(one.id);
    expect(
      byCustomer.every(
        (i) => i.customerName.toLowerCase().includes(one.customerName.slice(1, 6).toLowerCase()) || i.number.includes(one.customerName.slice(1, 6)),
      ),
    ).to.equal(true);
    expect(await listed('&q=%25')).to.deep.equal([]); // a % is text, not a wildcard
    expect((await api.call('GET', `${base}/invoices?q=${'x'.repeat(101)}`)).status).to.equal(422);
    expect((await api.call('GET', `${base}/invoices?archived=maybe`)).body.error.message).to.equal('archived must be exclude or include.');
  });
});
