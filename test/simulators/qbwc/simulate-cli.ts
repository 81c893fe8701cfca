import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../core/errors/app-error';
import { makeBookkeeperChanges } from '../qbd/bookkeeper-changes';
import { generateCompany } from '../qbd/company-generator';
import { loadCompanyState, saveCompanyState } from '../qbd/company-state-file';
import { QuickBooksCompany } from '../qbd/quickbooks-company';
import { QuickBooksSimulator } from '../qbd/quickbooks-simulator';
import { QwcFile, readQwc } from './qwc-reader';
import { SessionOutcome, WebConnector } from './web-connector';

const DEFAULT_STATE = resolve(process.env.DATA_DIR ?? '.data', 'simulated-company.json');

/** A path as the user would type it: relative when under the current folder. */
const shown = (file: string) => (relative(process.cwd(), file).startsWith('..') ? file : relative(process.cwd(), file));

const USAGE = `npm run simulate -- --qwc <file or URL> --password <password> [--state FILE] [--fresh] [--changes N]
       [--seed N] [--customers N] [--invoices N] [--company-path <path>] [--sessions N] [--seconds-to-ms N]
       [--quickbooks-closed] [--open-failure HRESULT]
Plays the QuickBooks Web Connector against a running service: reads the QWC file, opens the simulated
QuickBooks company and runs one session (or --sessions N on the Web Connector's schedule, with each
second of waiting lasting --seconds-to-ms milliseconds), then prints what happened.
The company is kept between runs in --state (default: DATA_DIR/simulated-company.json, here
${shown(DEFAULT_STATE)}): the first run creates it from --seed, --customers and --invoices,
later runs load it; --fresh creates it anew. --changes N first makes N changes in QuickBooks as a
bookkeeper would (edits, new invoices, payments, voids, deletions, customers), seeded by --seed.`;

function describe(outcome: SessionOutcome): string {
  const lines = outcome.calls.map((c) => `  ${c.method.padEnd(20)} -> ${c.fault ? `FAULT ${c.fault}` : JSON.stringify(c.result)?.slice(0, 160)}`);
  return [
    ...lines,
    `  ended: ${outcome.ended}${outcome.closeMessage ? ` (${outcome.closeMessage})` : ''}${outcome.lastError ? `; last error: ${outcome.lastError}` : ''}`,
  ].join('\n');
}

const counts = (company: QuickBooksCompany) => `${company.customers.size} customers, ${company.invoices.size} invoices`;

/** The saved company, or a new one; says which, since the two demos differ completely. */
function openCompany(file: string, fresh: boolean, generator: { seed: number; customers: number; invoices: number }): QuickBooksCompany {
  const loaded = fresh ? undefined : loadCompanyState(file);
  if (loaded) {
    // Time passed in QuickBooks too, never backwards: later changes must stamp later than the last sync saw.
    if (loaded.clock.now() < new Date()) loaded.clock.set(new Date());
    process.stdout.write(`Simulated company: loaded ${shown(file)} (${loaded.companyName}: ${counts(loaded)})\n`);
    return loaded;
  }
  const company = generateCompany({ ...generator, years: 2, now: new Date() });
  process.stdout.write(
    `Simulated company: created ${shown(file)}${fresh ? ' anew (--fresh)' : ''} from seed ${generator.seed} (${company.companyName}: ${counts(company)})\n`,
  );
  return company;
}

/** QBWC would connect this company to the service, which refuses a file it knows as another connection's. */
function checkSameConnection(company: QuickBooksCompany, qwc: QwcFile, file: string): void {
  const fileId = company.dataExt.get(qwc.ownerId)?.get('FileID');
  if (fileId && fileId !== qwc.fileId) {
    throw new AppError(
      'needs-user-action',
      `The simulated company in ${file} belongs to another connection (its FileID is ${fileId}, this QWC file's is ${qwc.fileId}); the service would refuse it as a different company file. Start a new company with --fresh, or name another file with --state.`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      qwc: { type: 'string' },
      password: { type: 'string' },
      state: { type: 'string', default: DEFAULT_STATE },
      fresh: { type: 'boolean', default: false },
      changes: { type: 'string', default: '0' },
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
  const numbers = (['seed', 'customers', 'invoices', 'changes', 'sessions'] as const).map((k) => Number(values[k]));
  if (values.help || !values.qwc || values.password === undefined || numbers.some((n) => !Number.isInteger(n) || n < 0)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const [seed, customers, invoices, changes] = numbers;
  const qwcText = /^https?:\/\//.test(values.qwc) ? await (await fetch(values.qwc)).text() : readFileSync(values.qwc, 'utf8');
  const qwc = readQwc(qwcText);
  const stateFile = resolve(values.state!);
  const company = openCompany(stateFile, values.fresh!, { seed, customers, invoices });
  checkSameConnection(company, qwc, stateFile);
  for (const change of makeBookkeeperChanges(company, { seed, count: changes })) process.stdout.write(`  changed in QuickBooks: ${change.description}\n`);

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
  let failed: boolean;
  try {
    const runs = await connector.runForever({ sessions: Number(values.sessions), secondsToMs: Number(values['seconds-to-ms']) });
    runs.forEach((run, i) => process.stdout.write(`session ${i + 1}:\n${describe(run.outcome)}\n  next poll in ${run.waitedSeconds} s\n`));
    failed = runs.some((r) => r.outcome.ended !== 'closed' || r.outcome.percents.some((p) => p < 0));
  } finally {
    // Whatever the sessions did, QuickBooks keeps it (and the bookkeeper's changes): so does the file.
    saveCompanyState(stateFile, company);
    process.stdout.write(`Simulated company saved to ${shown(stateFile)}\n`);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulate failed: ${error instanceof AppError ? error.userMessage : (error as Error).message}\n`);
  process.exit(error instanceof AppError ? 2 : 1);
});
