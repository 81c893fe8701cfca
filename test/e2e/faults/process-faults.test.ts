import { expect } from 'chai';
import { generateCompany } from '../../simulators/qbd/company-generator';
import { QuickBooksCompany } from '../../simulators/qbd/quickbooks-company';
import { QuickBooksSimulator } from '../../simulators/qbd/quickbooks-simulator';
import { readQwc } from '../../simulators/qbwc/qwc-reader';
import { WebConnector } from '../../simulators/qbwc/web-connector';
import { PartnerApi } from '../../support/partner-api';
import { RunningInstance } from '../../support/running-instance';
import { countDuplicates, faultTally, reportFaultTallyAtEnd } from './fault-tally';

reportFaultTallyAtEnd();

// Generated once with a fixed date, so every run below syncs the very same company.
const GENERATED_AT = new Date('2026-11-20T12:00:00Z');
const COMPANY = { seed: 91, customers: 10, invoices: 30, years: 2 } as const;

interface Install {
  username: string;
  password: string;
  qwcUrl: string;
}

/** A partner with a connection on `instance`, and its QuickBooks company. */
async function setUp(instance: RunningInstance) {
  const api = await PartnerApi.createPartner(instance.url, 'Fault Co');
  const connection = (await api.call('POST', '/api/connections', { companyName: 'Fault Books' })).body;
  const company = generateCompany({ ...COMPANY, now: GENERATED_AT });
  const quickBooks = new QuickBooksSimulator(company);
  const connector = async (install: Install, fetchImpl?: typeof fetch) =>
    new WebConnector({
      qwc: readQwc(await (await fetch(install.qwcUrl)).text()),
      password: install.password,
      quickBooks,
      desktop: { companyFilePath: 'C:\\Fault.QBW', isRunning: true },
      noOpPauseMs: 10,
      fetchImpl,
    });
  return { api, connection, company, quickBooks, connector };
}

const ours = (company: QuickBooksCompany) => [...company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-'));

/** The ledger and QuickBooks' own payments as comparable data (QuickBooks' ids, amounts, states). */
async function outcomeOf(api: PartnerApi, connectionId: string, company: QuickBooksCompany) {
  const invoices = (await api.call('GET', `/api/connections/${connectionId}/invoices?limit=200`)).body.items as {
    qbd: { txnId: string };
    total: string;
    balance: string;
    status: string;
  }[];
  const payments = (await api.call('GET', `/api/connections/${connectionId}/payments?limit=200`)).body.items as {
    amount: string;
    status: string;
    qbd: { state: string };
  }[];
  return {
    invoices: invoices.map((i) => `${i.qbd.txnId} ${i.total} ${i.balance} ${i.status}`).sort(),
    payments: payments.map((p) => `${p.amount} ${p.status} ${p.qbd.state}`).sort(),
    inQuickBooks: ours(company)
      .map((p) => `${p.totalAmount} -> ${p.applications.map((a) => a.invoiceId).join(',')}`)
      .sort(),
  };
}

/** First sync, the payment account chosen, three payments on three open invoices. */
async function syncAndPay(api: PartnerApi, connectionId: string, run: () => Promise<unknown>) {
  await run();
  const accounts = (await api.call('GET', `/api/connections/${connectionId}/accounts`)).body as { id: string; name: string }[];
  await api.call('PATCH', `/api/connections/${connectionId}/settings`, { paymentAccountId: accounts.find((a) => a.name === 'Undeposited Funds')!.id });
  const invoices = (await api.call('GET', `/api/connections/${connectionId}/invoices?limit=200`)).body.items as {
    id: string;
    status: string;
    txnDate: string;
  }[];
  const open = invoices
    .filter((i) => i.status === 'open')
    .sort((a, b) => a.txnDate.localeCompare(b.txnDate))
    .slice(0, 3);
  for (const [n, invoice] of open.entries())
    expect((await api.call('POST', `/api/connections/${connectionId}/payments`, { invoiceId: invoice.id, amount: `${n + 5}.00` })).status).to.equal(201);
}

describe('Fault suite: processes killed and instances side by side', function () {
  this.timeout(120_000);
  let reference: Awaited<ReturnType<typeof outcomeOf>>;

  it('one instance, no faults: the reference result', async () => {
    const instance = await RunningInstance.start();
    try {
      const { api, connection, company, connector } = await setUp(instance);
      const wc = await connector(connection.install);
      await syncAndPay(api, connection.id, () => wc.runSession());
      await wc.runSession();
      reference = await outcomeOf(api, connection.id, company);
      expect(reference.inQuickBooks).to.have.length(3);
    } finally {
      await instance.stop();
    }
  });

  it('the server killed (SIGKILL) after QuickBooks took a payment, before it heard so: the next run completes with no payment twice', async () => {
    const instance = await RunningInstance.start();
    try {
      const { api, connection, company, quickBooks, connector } = await setUp(instance);
      let armed = false;
      const killer: typeof fetch = async (input, init) => {
        const isAnswer = String((init?.headers as Record<string, string>)?.SOAPAction).includes('receiveResponseXML');
        if (armed && isAnswer && quickBooks.log.at(-1)?.requestXml.includes('<ReceivePaymentAddRq')) {
          armed = false;
          await instance.kill();
        }
        return fetch(input, init);
      };
      const wc = await connector(connection.install, killer);
      await syncAndPay(api, connection.id, () => wc.runSession());
      armed = true;
      await wc.runSession().catch(() => undefined); // the server is gone mid-session
      expect(ours(company)).to.have.length(1); // QuickBooks did take the first payment
      await instance.boot();
      // The same computer runs again at once: its sign-in supersedes the session the kill left open.
      const next = await wc.runSession();
      expect(next.closeMessage).to.match(/^Complete/);
      const after = await outcomeOf(api, connection.id, company);
      expect(after).to.deep.equal(reference);
      faultTally.cases += 1;
      faultTally.faultsSurvived += 1;
      faultTally.recordsCompared += after.invoices.length + after.payments.length;
      faultTally.duplicates += countDuplicates(ours(company).map((p) => p.refNumber!));
      expect(countDuplicates(ours(company).map((p) => p.refNumber!))).to.equal(0);
    } finally {
      await instance.stop();
    }
  });

  it('two instances behind alternating requests, two Web Connectors on one company: the same result as one instance', async function () {
    // On the embedded database the second process reaches PGlite through its socket. With one
    // connection a pool there (reachesEmbeddedSocket) this passes on Node 20, but on Node 24 the two
    // sign-ins at once still got an HTTP 500 in CI (pglite-socket 0.2.17), once; two instances are a
    // production shape on a real server, and CI's PostgreSQL stage runs this.
    if (!process.env.DATABASE_URL) this.skip();
    const instance = await RunningInstance.start();
    const sibling = await instance.sibling();
    try {
      const { api, connection, company, connector } = await setUp(instance);
      let calls = 0;
      const served = new Set<string>();
      const alternating: typeof fetch = (input, init) => {
        const url = new URL(String(input));
        if (calls++ % 2 === 1) url.port = String(sibling.port);
        served.add(url.port);
        return fetch(url, init);
      };
      const second: Install = (await api.call('POST', `/api/connections/${connection.id}/installs`)).body;
      const [first, other] = [await connector(connection.install, alternating), await connector(second, alternating)];
      await syncAndPay(api, connection.id, async () => {
        // Both computers run at once: one holds the company, the other is told busy.
        const [a, b] = await Promise.all([first.runSession(), other.runSession()]);
        expect([a.ended, b.ended].sort()).to.deep.equal(['closed', 'refused']);
        expect([a.authenticate[1], b.authenticate[1]]).to.include('busy');
      });
      await other.runSession();
      expect(served.size).to.equal(2);
      const after = await outcomeOf(api, connection.id, company);
      expect(after).to.deep.equal(reference);
      faultTally.cases += 1;
      faultTally.recordsCompared += after.invoices.length + after.payments.length;
      faultTally.duplicates += countDuplicates(ours(company).map((p) => p.refNumber!));
    } finally {
      await sibling.stop();
      await instance.stop();
    }
  });
});
