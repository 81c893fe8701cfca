import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/runtime/package-root';
import { TestClock, connectedCompany } from '../support/connected-company';
import { PartnerApi } from '../support/partner-api';
import { GOOD_DEFAULTS, writeConfigDir } from '../support/test-config-dir';
import { TestService, startTestService } from '../support/test-service';

const SENDS_INVOICES = '2b0c7f4e-5d1a-4c8b-9e36-7a1f0d2c4b58';

export interface InvoiceView {
  id: string;
  number: string | null;
  customerSourceId: string;
  dueDate: string | null;
  total: string;
  balance: string;
  status: string;
  source: string;
  qbd: { state: string; txnId?: string; message?: string };
  lines: { id: string; itemName: string | null; description: string | null; quantity: string | null; rate: string | null; amount: string }[];
}

/** Two lines, one priced (2 x 150.00) and one not: 349.99 in all. */
export const twoLines = {
  lines: [
    { item: 'Consulting', description: 'Setup', quantity: '2', rate: '150.00', amount: '300.00' },
    { item: 'Support', description: 'Monthly support', amount: '49.99' },
  ],
};

/**
 * Starts a service for the enclosing describe, with a second partner whose override file (the
 * example) sends platform invoices to QuickBooks, and gives `setup`, which connects a company.
 */
export function usePlatformInvoices() {
  let test: TestService;
  let sendsInvoices: PartnerApi;
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());

  before(async () => {
    const example = JSON.parse(readFileSync(join(packageRoot(), 'config/examples/partner-sends-invoices-to-qbd.json'), 'utf8'));
    const configDir = writeConfigDir({ 'defaults.json': GOOD_DEFAULTS, 'partners/sends-invoices.json': { ...example, partnerId: SENDS_INVOICES } });
    test = await startTestService({ CONFIG_DIR: configDir }, clock.read);
    sendsInvoices = await PartnerApi.createPartner(test.url, 'Sends Invoices', SENDS_INVOICES);
  });
  after(async () => {
    await test?.stop();
  });

  /** A connected company after its first sync; `overridden` for the partner whose file sends platform invoices. */
  async function setup(overridden = false) {
    const env = await connectedCompany(test, clock, { seed: 51, customers: 6, invoices: 12, years: 1 }, overridden ? { api: sendsInvoices } : {});
    await env.connector.runSession();
    env.later(5);
    const { api, connection, company } = env;
    const base = `/api/connections/${connection.id}`;
    const accounts = (await api.call('GET', `${base}/accounts`)).body as { id: string; name: string }[];
    await api.call('PATCH', `${base}/settings`, { paymentAccountId: accounts.find((a) => a.name === 'Undeposited Funds')!.id });
    const customers = (await api.call('GET', `${base}/customers?limit=200`)).body.items as { id: string; source: { id: string } }[];
    const customer = customers[0];
    const invoices = async () => (await api.call('GET', `${base}/invoices?limit=200`)).body.items as InvoiceView[];
    const invoice = async (id: string) => (await api.call('GET', `${base}/invoices/${id}`)).body as InvoiceView;
    const create = (body: Record<string, unknown>) => api.call('POST', `${base}/invoices`, body);
    const edit = (id: string, body: Record<string, unknown>) => api.call('PATCH', `${base}/invoices/${id}`, body);
    const ours = () => [...company.invoices.values()].filter((i) => i.externalGuid);
    const requests = (name: string) => env.quickBooks.log.filter((l) => l.requestXml.includes(`<${name}`)).length;
    return { ...env, test, base, customer, invoices, invoice, create, edit, ours, requests };
  }

  return { setup };
}
