import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateCompany } from '../qbd/company-generator';
import { QuickBooksSimulator } from '../qbd/quickbooks-simulator';
import { readQwc } from './qwc-reader';
import { SessionOutcome, WebConnector } from './web-connector';

const USAGE = `npm run simulate -- --qwc <file or URL> --password <password> [--company-path <path>] [--seed N]
       [--customers N] [--invoices N] [--sessions N] [--seconds-to-ms N] [--quickbooks-closed] [--open-failure HRESULT]
Plays the QuickBooks Web Connector against a running service: reads the QWC file, opens a simulated
QuickBooks company and runs one session (or --sessions N on the Web Connector's schedule, with each
second of waiting lasting --seconds-to-ms milliseconds), then prints what happened.`;

function describe(outcome: SessionOutcome): string {
  const lines = outcome.calls.map((c) => `  ${c.method.padEnd(20)} -> ${c.fault ? `FAULT ${c.fault}` : JSON.stringify(c.result)?.slice(0, 160)}`);
  return [...lines, `  ended: ${outcome.ended}${outcome.closeMessage ? ` (${outcome.closeMessage})` : ''}${outcome.lastError ? `; last error: ${outcome.lastError}` : ''}`].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      qwc: { type: 'string' },
      password: { type: 'string' },
      'company-path': { type: 'string' },
      seed: { type: 'string', default: '1' },
      customers: { type: 'string', default: '25' },
      invoices: { type: 'string', default: '100' },
      sessions: { type: 'string', default: '1' },
      'seconds-to-ms': { type: 'string', default: '1' },
      'quickbooks-closed': { type: 'boolean', default: false },
      'open-failure': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.qwc || values.password === undefined) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const qwcText = /^https?:\/\//.test(values.qwc) ? await (await fetch(values.qwc)).text() : readFileSync(values.qwc, 'utf8');
  const qwc = readQwc(qwcText);
  const company = generateCompany({ seed: Number(values.seed), customers: Number(values.customers), invoices: Number(values.invoices), years: 2, now: new Date() });
  const quickBooks = new QuickBooksSimulator(company);
  const connector = new WebConnector({
    qwc,
    password: values.password,
    quickBooks,
    desktop: {
      companyFilePath: values['company-path'] ?? 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Simulated.QBW',
      isRunning: !values['quickbooks-closed'],
      openFailure: values['open-failure'] ? { hresult: values['open-failure'], message: 'Simulated failure to open QuickBooks.' } : undefined,
    },
    noOpPauseMs: 100,
  });
  process.stdout.write(`Web Connector -> ${qwc.appUrl} as ${qwc.userName}\n`);
  const runs = await connector.runForever({ sessions: Number(values.sessions), secondsToMs: Number(values['seconds-to-ms']) });
  runs.forEach((run, i) => process.stdout.write(`session ${i + 1}:\n${describe(run.outcome)}\n  next poll in ${run.waitedSeconds} s\n`));
  const failed = runs.some((r) => r.outcome.ended !== 'closed' || r.outcome.percents.some((p) => p < 0));
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulate failed: ${(error as Error).message}\n`);
  process.exit(1);
});
