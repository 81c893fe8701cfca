import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { generateCompany } from '../simulators/qbd/company-generator';
import { QuickBooksSimulator } from '../simulators/qbd/quickbooks-simulator';
import { readQwc } from '../simulators/qbwc/qwc-reader';
import { WebConnector } from '../simulators/qbwc/web-connector';
import { consoleErrors } from '../support/browser';
import { useBrowser } from '../support/use-browser';
import { PartnerApi } from '../support/partner-api';
import type { TestService } from '../support/test-service';
import { COMPANY_FILE, InPage, axeFindings, companyShown, connection, keyboardFocus } from './dashboard-access-kit';

describe('The partner dashboard for everyone: axe, a phone, a keyboard', function () {
  this.timeout(120_000);
  let test: TestService;
  let api: PartnerApi;
  let browser: Browser;
  /** The page as partners get it, under the page's Content-Security-Policy. */
  let page: Page;
  let errors: string[];
  /**
   * A second tab only for axe: its context ignores the page's CSP so that axe's script can be
   * added, which the real page rightly refuses. Everything else runs in `page`, CSP enforced.
   */
  let auditPage: Page;
  let auditErrors: string[];
  const { press, expectFocusOn, tabTo } = keyboardFocus(() => page);

  const suite = useBrowser();
  before(async () => {
    ({ test, browser, page, errors } = suite);
    api = await PartnerApi.createPartner(test.url, 'Acme Payments');
    auditPage = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true })).newPage();
    auditErrors = consoleErrors(auditPage);
  });

  it('has no serious or critical axe finding on the sign-in form', async () => {
    await auditPage.goto(`${test.url}/dashboard`);
    await auditPage.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await axeFindings(auditPage)).to.deep.equal([]);
  });

  it('signs in, connects a company and saves a setting by keyboard alone, the focus always visible', async () => {
    await page.goto(`${test.url}/dashboard`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectFocusOn('Your partner API key');
    await page.keyboard.type(api.apiKey);
    await press('Tab', 'Sign in');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'QuickBooks Desktop' }).waitFor();
    await expectFocusOn('Integrations');
    await press('Tab', 'Connect');

    // Escape closes the dialog and gives the focus back to Connect.
    await press('Enter', 'Company name');
    await press('Escape', 'Connect');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await press('Enter', 'Company name');
    await page.keyboard.type('Acme Books');
    await press('Tab', /^Company file path/);
    await page.keyboard.type(COMPANY_FILE);
    await tabTo('Continue');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Connect QuickBooks Desktop' });
    await dialog.getByRole('link', { name: 'Download QWC file' }).waitFor();
    await expectFocusOn('Download QWC file');

    // The computer with QuickBooks: the QWC file behind the link and the password shown.
    const qwcUrl = (await dialog.getByRole('link', { name: 'Download QWC file' }).getAttribute('href'))!;
    const password = (await dialog.getByRole('listitem').filter({ hasText: 'Paste this password' }).locator('code').first().textContent())!;
    const quickBooks = new QuickBooksSimulator(generateCompany({ seed: 61, customers: 25, invoices: 60, years: 2, now: new Date() }));
    const connector = new WebConnector({
      qwc: readQwc(await (await fetch(qwcUrl)).text()),
      password,
      quickBooks,
      desktop: { companyFilePath: COMPANY_FILE, isRunning: false },
      noOpPauseMs: 10,
    });
    expect((await connector.runSession()).ended).to.equal('closed');
    await dialog.getByText('Authentication Complete!').waitFor();
    await dialog.getByText('Up to date').waitFor();

    await tabTo('Done');
    await press('Space', 'Connect');
    await dialog.waitFor({ state: 'hidden' });

    await companyShown(page);
    await tabTo('Sync every (minutes)');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('30');
    await press('Tab', 'Save settings');
    // A partner who looks twice before pressing Enter: the page polls meanwhile, and the typed value must survive it.
    // Two polls, so that the first one's answer has surely been drawn.
    for (let polls = 0; polls < 2; polls += 1) await page.waitForResponse((r) => r.url().endsWith('/api/connections'));
    await page.keyboard.press('Enter');
    await connection(page).getByText('Settings saved.').waitFor();
    const [saved] = (await api.call('GET', '/api/connections')).body;
    expect(saved.settings.syncIntervalMinutes).to.equal(30);
    expect(errors).to.deep.equal([]);
  });

  it('shows the longest account name in full in its dropdown', async () => {
    for (const label of ['Payment account', 'Deposit account']) {
      const room = await connection(page)
        .getByLabel(label)
        .evaluate((select: InPage) => {
          const style = select.ownerDocument.defaultView.getComputedStyle(select);
          const pen = select.ownerDocument.createElement('canvas').getContext('2d');
          pen.font = style.font;
          const longest = Math.max(...[...select.options].map((o: InPage) => pen.measureText(o.text).width));
          return select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - longest;
        });
      // What is left must hold at least the dropdown's arrow.
      expect(room, label).to.be.at.least(12);
    }
  });

  it('fits a phone 375 px wide without sideways scrolling, its tables scrolling inside their own frame', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await companyShown(page);
    const overflow = await page.evaluate<number>('document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth');
    expect(overflow, 'sideways scrolling of the page').to.be.at.most(0);
    const tables = await page.evaluate<{ wide: boolean; scrolls: boolean }[]>(`[...document.querySelectorAll('table')].map((t) => {
      let frame = t.parentElement;
      while (frame && !['auto', 'scroll'].includes(getComputedStyle(frame).overflowX)) frame = frame.parentElement;
      return { wide: t.offsetWidth > document.scrollingElement.clientWidth - 40, scrolls: frame !== null };
    })`);
    expect(tables.filter((t) => t.wide).length, 'tables wider than the phone (else this test proves little)').to.be.greaterThan(0);
    expect(
      tables.every((t) => t.scrolls),
      'every table in a frame that scrolls sideways',
    ).to.equal(true);
    const fields = await connection(page)
      .getByRole('form')
      .evaluate((form: InPage) => [...form.querySelectorAll('select, input')].map((f: InPage) => form.clientWidth - f.offsetWidth));
    expect(fields, 'the settings fields span the phone').to.deep.equal(fields.map(() => 0));
    // Words wrap between words: only codes (passwords, links, user names) may break inside one.
    const breaking = await page.evaluate<string[]>(`[...document.body.querySelectorAll('*')].filter((e) => {
      const style = getComputedStyle(e);
      return e.tagName !== 'CODE' && (style.overflowWrap === 'anywhere' || ['break-all', 'break-word'].includes(style.wordBreak));
    }).map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))`);
    expect(breaking, 'elements whose words may break anywhere').to.deep.equal([]);
    await page.getByRole('button', { name: 'Connect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect QuickBooks Desktop' });
    await dialog.waitFor();
    expect(
      await dialog.evaluate((d: { scrollWidth: number; clientWidth: number }) => d.scrollWidth - d.clientWidth),
      'sideways scrolling in the dialog',
    ).to.be.at.most(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(errors).to.deep.equal([]);
  });

  it('has no serious or critical axe finding on the page with a connected company', async () => {
    await auditPage.getByLabel('Your partner API key').fill(api.apiKey);
    await auditPage.getByRole('button', { name: 'Sign in' }).click();
    await companyShown(auditPage);
    expect(await axeFindings(auditPage), 'at 1280 px').to.deep.equal([]);
    await auditPage.setViewportSize({ width: 375, height: 812 });
    expect(await axeFindings(auditPage), 'at 375 px').to.deep.equal([]);
    await auditPage.setViewportSize({ width: 1280, height: 900 });
  });

  it('has no serious or critical axe finding on the open connect dialog, before and after Continue', async () => {
    await auditPage.getByRole('button', { name: 'Connect' }).click();
    const dialog = auditPage.getByRole('dialog', { name: 'Connect QuickBooks Desktop' });
    await dialog.getByLabel('Company name').waitFor();
    expect(await axeFindings(auditPage), 'the form').to.deep.equal([]);
    await dialog.getByLabel('Company name').fill('Audit Books');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByRole('link', { name: 'Download QWC file' }).waitFor();
    expect(await axeFindings(auditPage), 'the steps').to.deep.equal([]);
    expect(auditErrors).to.deep.equal([]);
  });
});
