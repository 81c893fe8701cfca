import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateCompany } from './company-generator';
import { QbHresultError, QuickBooksSimulator } from './quickbooks-simulator';

const USAGE = `npm run qb-sim -- [--seed N] [--customers N] [--invoices N] [--years N] [--dst-bug] (--request FILE | --hcp | --summary)
Generates a seeded QuickBooks company and answers one qbXML request (from FILE, or stdin with --request -)
as QuickBooks would, prints the strHCPResponse (--hcp), or summarises the company (--summary).`;

/** A command line for the QuickBooks company simulator, for trying requests by hand and for bench/. */
function main(): void {
  const { values } = parseArgs({
    options: {
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
  const company = generateCompany({ seed, customers, invoices, years: Math.max(years, 1), now: new Date() });
  company.clock.dstBug = values['dst-bug'] ?? false;
  const sim = new QuickBooksSimulator(company);
  if (values.summary) {
    const open = [...company.invoices.values()].filter((i) => company.invoiceBalance(i) !== '0.00').length;
    process.stdout.write(`${JSON.stringify({ customers: company.customers.size, invoices: company.invoices.size, openInvoices: open, payments: company.payments.size, creditMemos: company.creditMemos.size, deposits: company.deposits.size, deletedTxns: company.deletedTxns.length }, null, 2)}\n`);
    return;
  }
  if (values.hcp) {
    process.stdout.write(sim.hcpResponse());
    return;
  }
  const request = readFileSync(values.request === '-' ? 0 : values.request!, 'utf8');
  sim.process(request).then(
    (answer) => process.stdout.write(answer),
    (error: unknown) => {
      if (!(error instanceof QbHresultError)) throw error;
      process.stderr.write(`HRESULT ${error.hresult}: ${error.message}\n`);
      process.exit(1);
    },
  );
}

main();
