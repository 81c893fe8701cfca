import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../core/errors/app-error';
import { generateCompany } from './company-generator';
import { snapshotOf } from './company-snapshot';
import { loadCompanyState, saveCompanyState } from './company-state-file';
import { QuickBooksCompany } from './quickbooks-company';
import { QbHresultError, QuickBooksSimulator } from './quickbooks-simulator';

const USAGE = `npm run qb-sim -- [--state FILE | --seed N --customers N --invoices N --years N] [--dst-bug] (--request FILE | --hcp | --summary)
Answers one qbXML request (from FILE, or stdin with --request -) as QuickBooks would, prints the
strHCPResponse (--hcp), or summarises the company (--summary). The company is the one kept in
--state FILE (what npm run simulate saved; a request that changes it is saved back), or else a
new one generated from the seed.`;

function openCompany(values: { state?: string; seed: number; customers: number; invoices: number; years: number }): QuickBooksCompany {
  if (values.state === undefined) return generateCompany({ ...values, years: Math.max(values.years, 1), now: new Date() });
  const company = loadCompanyState(resolve(values.state));
  if (!company) throw new AppError('not-found', `There is no simulated company in ${values.state}: npm run simulate creates it there.`);
  // Time passed in QuickBooks too, never backwards (as npm run simulate does).
  if (company.clock.now() < new Date()) company.clock.set(new Date());
  return company;
}

/** A command line for the QuickBooks company simulator, for trying requests by hand and for bench/. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      state: { type: 'string' },
      seed: { type: 'string', default: '1' },
      customers: { type: 'string', default: '25' },
      invoices: { type: 'string', default: '100' },
      years: { type: 'string', default: '2' },
      'dst-bug': { type: 'boolean', default: false },
      request: { type: 'string' },
      hcp: { type: 'boolean', default: false },
      summary: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const numbers = ['seed', 'customers', 'invoices', 'years'].map((k) => Number(values[k as 'seed']));
  if (values.help || numbers.some((n) => !Number.isInteger(n) || n < 0) || (!values.request && !values.hcp && !values.summary)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const [seed, customers, invoices, years] = numbers;
  const company = openCompany({ state: values.state, seed, customers, invoices, years });
  const savedDstBug = company.clock.dstBug;
  if (values['dst-bug']) company.clock.dstBug = true;
  const sim = new QuickBooksSimulator(company);
  if (values.summary) {
    const open = [...company.invoices.values()].filter((i) => company.invoiceBalance(i) !== '0.00').length;
    process.stdout.write(
      `${JSON.stringify({ customers: company.customers.size, invoices: company.invoices.size, openInvoices: open, payments: company.payments.size, creditMemos: company.creditMemos.size, deposits: company.deposits.size, deletedTxns: company.deletedTxns.length }, null, 2)}\n`,
    );
    return;
  }
  if (values.hcp) {
    process.stdout.write(sim.hcpResponse());
    return;
  }
  const before = values.state === undefined ? '' : JSON.stringify({ ...snapshotOf(company), clock: undefined });
  const request = readFileSync(values.request === '-' ? 0 : values.request!, 'utf8');
  try {
    process.stdout.write(await sim.process(request));
  } catch (error) {
    if (!(error instanceof QbHresultError)) throw error;
    process.stderr.write(`HRESULT ${error.hresult}: ${error.message}\n`);
    process.exit(1);
  }
  // A write changed the saved company: keep it, as QuickBooks would, so the next sync sees it
  // (with the clock's own DST setting: --dst-bug is for this run only).
  company.clock.dstBug = savedDstBug;
  if (values.state !== undefined && JSON.stringify({ ...snapshotOf(company), clock: undefined }) !== before) {
    saveCompanyState(resolve(values.state), company);
    process.stderr.write(`The company changed: saved to ${values.state}\n`);
  }
}

main().catch((error: unknown) => {
  if (!(error instanceof AppError)) throw error;
  process.stderr.write(`qb-sim: ${error.userMessage}\n`);
  process.exit(2);
});
