import { GeneratorOptions, generateCompany } from '../simulators/qbd/company-generator';
import { QuickBooksSimulator } from '../simulators/qbd/quickbooks-simulator';
import { readQwc } from '../simulators/qbwc/qwc-reader';
import { WebConnector } from '../simulators/qbwc/web-connector';
import { PartnerApi } from './partner-api';
import { TestService } from './test-service';

/** The service's clock in a test: read by the service, moved by the test. */
export class TestClock {
  constructor(public now: number) {}

  readonly read = () => new Date(this.now);
}

/**
 * A partner with a QuickBooks Desktop connection, a generated QuickBooks company behind a
 * Web Connector that uses the connection's own QWC file and password, and `later()` to let
 * time pass on both sides as between two polls.
 */
export async function connectedCompany(
  test: TestService,
  clock: TestClock,
  generator: Omit<GeneratorOptions, 'now'>,
  partner: { id?: string; api?: PartnerApi } = {},
) {
  const api = partner.api ?? (await PartnerApi.createPartner(test.url, 'Acme', partner.id));
  const connection = (await api.call('POST', '/api/connections', { companyName: 'Acme Books' })).body;
  const qwc = readQwc(await (await fetch(connection.install.qwcUrl)).text());
  const company = generateCompany({ ...generator, now: clock.read() });
  const quickBooks = new QuickBooksSimulator(company);
  const connector = new WebConnector({
    qwc,
    password: connection.install.password,
    quickBooks,
    desktop: { companyFilePath: 'C:\\Acme.QBW', isRunning: true },
    noOpPauseMs: 10,
  });
  const later = (minutes: number) => {
    clock.now += minutes * 60_000;
    company.clock.advance(minutes * 60);
  };
  /** Every item of a paged list route, following nextCursor. */
  const all = async <T>(path: string): Promise<T[]> => {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: T[]; nextCursor: string | null } } = await api.call(
        'GET',
        `${path}${path.includes('?') ? '&' : '?'}limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  };
  return { api, connection, company, quickBooks, connector, later, all };
}
