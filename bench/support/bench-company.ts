import { generateCompany, GeneratorOptions } from '../../test/simulators/qbd/company-generator';
import { QuickBooksSimulator } from '../../test/simulators/qbd/quickbooks-simulator';
import { readQwc } from '../../test/simulators/qbwc/qwc-reader';
import { WebConnector } from '../../test/simulators/qbwc/web-connector';
import { PartnerApi } from '../../test/support/partner-api';
import { httpPost } from './http-post';

export type SoapTiming = { readonly method: string; readonly ms: number };

/**
 * A partner, a connection and a simulated QuickBooks company behind a Web Connector that
 * times every SOAP call it makes (into `timings`, when given).
 */
export async function benchCompany(url: string, generator: Omit<GeneratorOptions, 'now'>, timings?: SoapTiming[], api?: PartnerApi) {
  const partner = api ?? (await PartnerApi.createPartner(url, 'Bench'));
  const connection = (await partner.call('POST', '/api/connections', { companyName: 'Bench Books' })).body;
  const qwc = readQwc(await (await fetch(connection.install.qwcUrl)).text());
  const company = generateCompany({ ...generator, now: new Date() });
  const quickBooks = new QuickBooksSimulator(company);
  const timedFetch: typeof fetch = async (input, init) => {
    const started = performance.now();
    const response = await httpPost(input, init);
    const method = /developer\.intuit\.com\/(\w+)/.exec(String((init?.headers as Record<string, string>)?.SOAPAction ?? ''))?.[1] ?? '?';
    timings?.push({ method, ms: performance.now() - started });
    return response;
  };
  const connector = new WebConnector({
    qwc,
    password: connection.install.password,
    quickBooks,
    desktop: { companyFilePath: 'C:\\Bench.QBW', isRunning: true },
    noOpPauseMs: 10,
    fetchImpl: timedFetch,
  });
  return { api: partner, connection, company, quickBooks, connector };
}
