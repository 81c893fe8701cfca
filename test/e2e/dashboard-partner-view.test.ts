import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { generateCompany } from '../simulators/qbd/company-generator';
import { QuickBooksSimulator } from '../simulators/qbd/quickbooks-simulator';
import { readQwc } from '../simulators/qbwc/qwc-reader';
import { WebConnector } from '../simulators/qbwc/web-connector';
import { screenshot } from '../support/browser';
import { useBrowser } from '../support/use-browser';
import { TestClock } from '../support/connected-company';
import { PartnerApi } from '../support/partner-api';
import type { TestService } from '../support/test-service';

const COMPANY_FILE = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Acme.QBW';

/**
 * The partner's view in a real browser, after the first sync: what needs attention, the log in
 * sentences, invoices as QuickBooks has them, payments, and a Web Connector that went quiet. Every
 * wait is for something the page shows.
 */
describe('The partner dashboard after the first sync (headless Chromium)', function () {
  this.timeout(120_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  let test: TestService;
  let page: Page;
  let errors: string[];
  let api: PartnerApi;
  const company = generateCompany({ seed: 83, customers: 12, invoices: 30, years: 1, now: clock.read() });
  const quickBooks = new QuickBooksSimulator(company);
  let qwcText = '';
  let password = '';
  let connectionId = '';
  const later = (minutes: number) => {
    clock.now += minutes * 60_000;
    company.clock.advance(minutes * 60);
  };
  const connector = (pw = password) =>
    new WebConnector({ qwc: readQwc(qwcText), password: pw, quickBooks, desktop: { companyFilePath: COMPANY_FILE, isRunning: false }, noOpPauseMs: 10 });
  const card = () => page.locator(`[data-connection="${connectionId}"]`);

  const suite = useBrowser({ env: { QUIET_CHECK_SECONDS: '1' }, clock: clock.read });
  before(async () => {
    ({ test, page, errors } = suite);
    api = await PartnerApi.createPartner(test.url, 'Acme Payments');
    await page.goto(`${test.url}/dashboard`);
    await page.getByLabel('Your partner API key').fill(api.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('No company is connected yet').waitFor();
  });

  it('hints (never refuses) when the company file path does not look like a QuickBooks file', async () => {
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByLabel('Company name').fill('Café Ñandú Books');
    await page.getByLabel('Company file path').fill('C:\\Users\\Public\\Documents\\Intuit');
    await page.getByText('QuickBooks company files end in .QBW').waitFor();
    await page.getByLabel('Company file path').fill(COMPANY_FILE);
    await page.getByText('QuickBooks company files end in .QBW').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('File > App Management > Update Web Services').waitFor();
    password = (await page.locator('#install-password').textContent()) ?? '';
    expect(password).to.have.length.greaterThan(15);
    const [connection] = (await api.call('GET', '/api/connections')).body;
    connectionId = connection.id;
    qwcText = await (await fetch(`${test.url}${new URL((await page.locator('#qwc-link').getAttribute('href')) ?? '', test.url).pathname}`)).text();
  });

  it('says in the dialog that a sign-in was refused, then follows the first sync to the next step: choosing the accounts', async () => {
    expect((await connector('a-wrong-password').runSession()).authenticate[1]).to.equal('nvu');
    await page.getByRole('status').filter({ hasText: 'sign-in was refused: the password was wrong' }).waitFor();
    later(1);
    // The accounts arrive after the first sync is shown done (as on a slow network): a partner who
    // presses Choose accounts at once still lands on the payment account's list once it is filled.
    await page.route('**/accounts', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    expect((await connector().runSession()).ended).to.equal('closed');
    await page.getByText('Authentication Complete!').waitFor();
    await page.getByText('First sync done.').waitFor();
    await page.getByRole('button', { name: 'Choose accounts' }).click();
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
    await page.locator(`#payment-${connectionId}:focus`).waitFor();
    await page.unroute('**/accounts');
  });

  it('preselects Undeposited Funds and warns, on top and beside the settings, until the accounts are saved', async () => {
    const payment = card().getByLabel('Payment account');
    await payment.locator('option', { hasText: 'Undeposited Funds (recommended)' }).waitFor({ state: 'attached' });
    expect(await payment.locator('option:checked').textContent()).to.equal('Undeposited Funds (recommended)');
    const attention = card().getByRole('region', { name: /Needs attention/ });
    await attention.getByText('Choose the account payments go to and the bank account payouts go to in QuickBooks.').waitFor();
    await card().getByText('Next step: choose where payments and payouts go').waitFor();
    await card().getByLabel('Deposit account').selectOption({ label: 'Checking' });
    await card().getByRole('button', { name: 'Save settings' }).click();
    await card().getByText('Settings saved.').waitFor();
    await card().getByText('Next step: choose where payments and payouts go').waitFor({ state: 'hidden' });
    await attention.waitFor({ state: 'hidden' });
  });

  it('tells the first sync in sentences, with a line for the session', async () => {
    const invoice = [...company.invoices.values()].find((i) => company.invoiceBalance(i) !== '0.00')!;
    const customer = company.customers.get(invoice.customerId)!;
    const log = card().getByRole('region', { name: 'Sync log' });
    const [summary] = (await api.call('GET', `/api/connections/${connectionId}/events?limit=1`)).body.items as { text: string }[];
    expect(summary.text).to.match(/^Sync finished — \d+ invoices added, 12 customers added/);
    await log.getByText(new RegExp(`^Sync at .* — ${summary.text.replace(/^Sync finished — /, '')}`)).waitFor();
    // The log is paged newest first (25 a page); the first sync's 40-odd lines fit in two pages.
    const line = log.getByText(`Invoice ${invoice.refNumber} for ${customer.fullName} added from QuickBooks Desktop.`);
    if (!(await line.count())) await log.getByRole('button', { name: /Load more/ }).click();
    await line.waitFor();
  });

  it('puts a payment QuickBooks refused under needs attention with what to do, in the log filter and in the payments view', async () => {
    const invoices = (await api.call('GET', `/api/connections/${connectionId}/invoices?limit=200`)).body.items as {
      id: string;
      number: string;
      customerName: string;
      status: string;
      qbd: { txnId: string };
    }[];
    const target = invoices.find((i) => i.status === 'open')!;
    const inQuickBooks = company.invoice(target.qbd.txnId);
    company.receivePayment({
      customerId: inQuickBooks.customerId,
      totalAmount: company.invoiceBalance(inQuickBooks),
      applications: [{ invoiceId: inQuickBooks.txnId, amount: company.invoiceBalance(inQuickBooks) }],
    });
    expect((await api.call('POST', `/api/connections/${connectionId}/payments`, { invoiceId: target.id, amount: '20.00' })).status).to.equal(201);
    later(5);
    await connector().runSession();
    const refused = `Payment of 20.00 from ${target.customerName} for invoice ${target.number} is not in QuickBooks Desktop: it refused the write.`;
    const attention = card().getByRole('region', { name: /Needs attention/ });
    await attention.getByText(refused).waitFor();
    await attention.getByText(/Reconciliation needed/).waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'needs-attention', { fullPage: false });
    const log = card().getByRole('region', { name: 'Sync log' });
    await log.getByLabel('Show').selectOption('attention');
    const rows = log.locator('tbody tr');
    // The filtered page has one line: wait for the unfiltered one to go, not merely for the line (it is on both).
    await log.locator('tbody tr:nth-child(2)').waitFor({ state: 'detached' });
    await rows
      .filter({ hasText: `Payment of 20.00 from ${target.customerName} for invoice ${target.number} was not recorded in QuickBooks Desktop.` })
      .waitFor();
    expect(await rows.count()).to.equal(1);
    await log.getByLabel('Show').selectOption('all');
    await rows.filter({ hasText: /Sync at .* — .*1 payment needing attention/ }).waitFor();
    const payments = card().getByRole('region', { name: 'Payments' });
    await payments.locator('tbody tr').filter({ hasText: target.number }).filter({ hasText: 'Refused: Reconciliation needed' }).waitFor();
  });

  it('hides an invoice deleted in QuickBooks unless asked, and finds invoices by number or customer', async () => {
    const gone = [...company.invoices.values()].find((i) => company.invoiceBalance(i) !== '0.00' && i.txnDate > '2026-06-01')!;
    company.deleteTxn('Invoice', gone.txnId);
    later(5);
    await connector().runSession();
    const section = card().getByRole('region', { name: 'Invoices' });
    const search = section.getByLabel('Search');
    await search.fill(gone.refNumber!);
    const rows = section.locator('tbody tr');
    await section.getByText('Nothing yet.').waitFor();
    await section.getByLabel('Show archived').check();
    await rows.filter({ hasText: gone.refNumber! }).filter({ hasText: 'Deleted in QuickBooks' }).waitFor();
    await section.getByLabel('Show archived').uncheck();
    const kept = [...company.invoices.values()].find((i) => i.txnId !== gone.txnId && company.invoiceBalance(i) !== '0.00')!;
    const customer = company.customers.get(kept.customerId)!.fullName;
    await search.fill(customer.toUpperCase());
    await rows.filter({ hasText: kept.refNumber! }).waitFor();
    for (const text of await rows.allTextContents()) expect(text).to.include(customer);
    await search.fill('');
  });

  it('marks the connection stale after three quiet intervals, with what to check, and well again when the Web Connector calls', async () => {
    later(16);
    await card().locator('.badge').filter({ hasText: 'Stale' }).waitFor();
    const attention = card().getByRole('region', { name: /Needs attention/ });
    await attention.getByText(/the Web Connector has gone quiet/).waitFor();
    await attention.getByText(/computer is not asleep/).waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'stale', { fullPage: false });
    // The badge is computed on every view; the quiet watch writes its log line on its own round
    // (QUIET_CHECK_SECONDS). A partner's script sees that line in the API: wait for it as one would.
    for (let tries = 0; ; tries++) {
      const lines = (await api.call('GET', `/api/connections/${connectionId}/events?filter=attention`)).body.items as { text: string }[];
      if (lines.some((l) => l.text.endsWith('the connection is stale.'))) break;
      if (tries === 100) throw new Error('The quiet watch never wrote its line.');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await connector().runSession();
    await card().locator('.badge').filter({ hasText: 'Connected' }).waitFor();
    await card().getByRole('region', { name: 'Sync log' }).getByText('QuickBooks Desktop is syncing again.').waitFor();
    expect(errors).to.deep.equal([]);
  });
});
