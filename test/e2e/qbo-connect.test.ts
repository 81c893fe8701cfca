import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { useBrowser } from '../support/use-browser';
import { PartnerApi } from '../support/partner-api';
import type { TestService } from '../support/test-service';
import { QboTokens } from '../../adapters/qbo/auth/qbo-tokens';
import { QBO_ENDPOINTS, QboEndpoints } from '../../adapters/qbo/qbo-endpoints';
import type { AppError } from '../../core/errors/app-error';
import { qboConfigDir } from '../integration/adapters/qbo/qbo-test-env';

/**
 * A partner connects QuickBooks Online from the Integrations page as on a fresh clone: no QBO_*
 * variable is set, so the service runs its own simulator and the browser signs in there.
 */
describe('Connecting QuickBooks Online in a real browser (simulated mode)', function () {
  this.timeout(120_000);
  const suite = useBrowser({ env: { CONFIG_DIR: qboConfigDir() } });
  let test: TestService;
  let page: Page;
  let api: PartnerApi;
  let dashboardUrl: string;
  /** Console errors of the service's pages; the sign-in page is the simulator's (Intuit's, for real), and its missing favicon is not ours. */
  const ourErrors: string[] = [];

  before(async () => {
    ({ test, page } = suite);
    api = await PartnerApi.createPartner(test.url, 'Online Payments');
    // The callback comes back to PUBLIC_URL: the page is opened there, so the tab keeps its key across the trip.
    dashboardUrl = `${test.service.config.service.publicUrl}/dashboard`;
    const simulator = test.service.container.get<QboEndpoints>(QBO_ENDPOINTS).apiBaseUrl;
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.location().url.startsWith(simulator)) ourErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => ourErrors.push(error.message));
  });

  const card = () => page.locator('section.connection[data-system="qbo"]');
  const module = () => page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'QuickBooks Online' }) });

  it('says at start-up that QuickBooks Online is simulated', () => {
    expect(test.logs.map((l) => l.msg ?? l.message)).to.include(
      'QuickBooks Online is simulated (no QBO_* variable set): connecting signs in to a built-in simulator',
    );
  });

  it('offers QuickBooks Online beside QuickBooks Desktop', async () => {
    await page.goto(dashboardUrl);
    await page.getByLabel('Your partner API key').fill(api.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'QuickBooks Desktop' }).waitFor();
    await module().getByText('No QuickBooks Online company yet').waitFor();
  });

  it("a refusal on Intuit's page comes back as a plain message and connects nothing", async () => {
    await page.getByRole('button', { name: 'Add QuickBooks Online company' }).click();
    await page.getByRole('heading', { name: /^Connect Alternative Payments to / }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await module().getByText('access was not allowed on the Intuit page').waitFor();
    expect(new URL(page.url()).search).to.equal('');
    expect(await card().count()).to.equal(0);
  });

  it('connects: to the sign-in page, Connect, and back to a connected card', async () => {
    await page.getByRole('button', { name: 'Add QuickBooks Online company' }).click();
    await page.getByRole('heading', { name: 'Connect Alternative Payments to Simulated Company (QuickBooks Online)?' }).waitFor();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await module().getByText('QuickBooks Online is connected.').waitFor();
    await card().getByRole('heading', { name: 'Simulated Company (QuickBooks Online)' }).waitFor();
    await card().locator('.badge', { hasText: 'Connected' }).waitFor();
    expect(await card().getByRole('region', { name: 'Computers' }).count()).to.equal(0);
    const listed = (await api.call('GET', '/api/connections')).body as { system: string; status: string }[];
    expect(listed.map((c) => [c.system, c.status])).to.deep.equal([['qbo', 'connected']]);
  });

  it('runs the first sync by itself: the bar is full, the log has its line, and Sync now asks for another', async () => {
    await card().locator('.phase', { hasText: 'Up to date' }).waitFor();
    await card()
      .getByRole('region', { name: 'Sync log' })
      .getByText(/^Sync at \d/)
      .first()
      .waitFor();
    const invoices = card().getByRole('region', { name: 'Invoices' }).locator('tbody tr');
    await invoices.first().waitFor();
    await card().getByRole('button', { name: 'Sync now' }).click();
    await card().getByText('A sync with QuickBooks Online starts in a moment.').waitFor();
  });

  it('offers the accounts with Undeposited Funds preselected, and saves the choice', async () => {
    const payment = card().getByLabel('Payment account');
    const deposit = card().getByLabel('Deposit account');
    await payment.locator('option', { hasText: 'Undeposited Funds (recommended)' }).waitFor({ state: 'attached' });
    expect(await payment.locator('option:checked').textContent()).to.equal('Undeposited Funds (recommended)');
    expect(await deposit.locator('option').allTextContents()).to.deep.equal(['Choose where payouts go…', 'Checking', 'Savings']);
    await deposit.selectOption({ label: 'Checking' });
    await card().getByLabel('Sync every (minutes)').fill('15');
    await card().getByRole('button', { name: 'Save settings' }).click();
    await card().getByText('Settings saved.').waitFor();
    const id = await card().getAttribute('data-connection');
    expect((await api.call('GET', `/api/connections/qbo/${id}`)).body.settings).to.deep.equal({
      paymentAccountId: '4',
      depositAccountId: '35',
      syncIntervalMinutes: 15,
    });
  });

  it('pauses and resumes in its own words, and shows the sync log', async () => {
    await card().getByRole('button', { name: 'Pause syncing' }).click();
    await card().getByText('nothing is read from or written to QuickBooks Online until you resume').waitFor();
    await card().getByRole('button', { name: 'Resume syncing' }).click();
    await card().getByText('Syncing with QuickBooks Online resumes.').waitFor();
    await card().getByRole('region', { name: 'Sync log' }).waitFor();
  });

  it('asks for a reconnect when Intuit stops accepting the connection, and Reconnect mends the same card', async () => {
    const endpoints = test.service.container.get<QboEndpoints>(QBO_ENDPOINTS);
    const id = (await card().getAttribute('data-connection'))!;
    // The partner disconnects the app at Intuit: revoking the refresh token kills the whole grant (qbo-api.md §2.3).
    const { accessToken } = await test.service.container.get(QboTokens).access(id);
    const revoked = await fetch(`${endpoints.apiBaseUrl}/v2/oauth2/tokens/revoke`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${endpoints.clientId}:${endpoints.clientSecret}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ token: accessToken }),
    });
    expect(revoked.status).to.equal(200);
    const refused = await test.service.container
      .get(QboTokens)
      .afterRejection(id, accessToken)
      .catch((e: AppError) => e);
    expect(refused).to.have.property('kind', 'needs-user-action');
    await card().locator('.badge', { hasText: 'Needs attention' }).waitFor();
    await card()
      .getByRole('region', { name: /Needs attention/ })
      .getByText('Press Reconnect on the QuickBooks Online card')
      .waitFor();
    await card().getByRole('button', { name: 'Reconnect' }).click();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await module().getByText('QuickBooks Online is connected again.').waitFor();
    await card().locator('.badge', { hasText: 'Connected' }).waitFor();
    expect(await card().getByRole('button', { name: 'Reconnect' }).isVisible()).to.equal(false);
    expect(await page.locator('section.connection[data-system="qbo"]').count()).to.equal(1);
  });

  it('left no error in the console of its own pages', () => {
    expect(ourErrors).to.deep.equal([]);
  });
});
