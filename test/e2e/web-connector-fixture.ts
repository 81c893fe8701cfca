import { expect } from 'chai';
import { generateCompany } from '../simulators/qbd/company-generator';
import { QuickBooksSimulator } from '../simulators/qbd/quickbooks-simulator';
import { readQwc } from '../simulators/qbwc/qwc-reader';
import { DesktopState, WebConnector, WebConnectorOptions } from '../simulators/qbwc/web-connector';
import { PartnerApi } from '../support/partner-api';

/** Shared by the web-connector-*.test.ts files: each starts its own service at this time. */
export const WEB_CONNECTOR_TESTS_START = new Date('2026-11-25T15:00:00Z').getTime();

export const COMPANY_PATH = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Acme.QBW';

/** A whole session's percents: they only grow, and the last is 100. */
export function expectFinished(percents: readonly number[]): void {
  expect(percents.length).to.be.greaterThan(0);
  expect(percents).to.deep.equal([...percents].sort((a, b) => a - b));
  expect(percents[percents.length - 1]).to.equal(100);
  expect(percents.slice(0, -1).every((p) => p < 100)).to.equal(true);
}

/**
 * A new partner and connection on the service at `url`, a generated company in the simulated
 * QuickBooks at `now`, and `connector()` to make a Web Connector for it (another install's
 * password and user, or other options, when given).
 */
export async function connectWebConnector(url: string, now: number, companyFilePath = COMPANY_PATH) {
  const api = await PartnerApi.createPartner(url);
  const created = await api.call('POST', '/api/connections', { companyName: 'Acme Books', companyFilePath });
  expect(created.status).to.equal(201);
  const qwcText = await (await fetch(created.body.install.qwcUrl)).text();
  const quickBooks = new QuickBooksSimulator(generateCompany({ seed: 3, customers: 10, invoices: 20, years: 1, now: new Date(now) }));
  const desktop: DesktopState = { companyFilePath: COMPANY_PATH, isRunning: true };
  const connector = (password = created.body.install.password as string, install = created.body.install, overrides: Partial<WebConnectorOptions> = {}) =>
    new WebConnector({
      qwc: readQwc(qwcText.replace(/<UserName>[^<]+</, `<UserName>${install.username}<`)),
      password,
      quickBooks,
      desktop,
      noOpPauseMs: 10,
      ...overrides,
    });
  return { api, connection: created.body, qwcText, quickBooks, desktop, connector };
}
