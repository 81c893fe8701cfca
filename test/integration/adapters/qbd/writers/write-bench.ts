import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accountsStep } from '../../../../../adapters/qbd/qbwc/steps/accounts-step';
import { customersStep } from '../../../../../adapters/qbd/qbwc/steps/customers-step';
import { invoicesStep } from '../../../../../adapters/qbd/qbwc/steps/invoices-step';
import { outboxStep } from '../../../../../adapters/qbd/qbwc/steps/outbox-step';
import { BUILT_IN_SYNC } from '../../../../../core/config/app-config';
import { QBD_SYSTEM } from '../../../../../adapters/qbd/qbd-system';
import { latestRow, outboxRow } from '../../../../../core/store/outbox';
import { readEvents } from '../../../../../core/store/sync-events';
import type { Money } from '../../../../../core/values/money';
import { packageRoot } from '../../../../../core/runtime/package-root';
import { GOOD_DEFAULTS, writeConfigDir } from '../../../../support/test-config-dir';
import { QuickBooksCompany } from '../../../../simulators/qbd/quickbooks-company';
import { SimClock } from '../../../../simulators/qbd/sim-clock';
import { useStepBench } from '../steps/step-bench';

export const TODAY = '2026-11-25';

/** A partner whose rules send invoices made and edited on the platform to QuickBooks (the example override file). */
export const SENDS_INVOICES = '2b0c7f4e-5d1a-4c8b-9e36-7a1f0d2c4b58';

/** The service environment with that partner's override in its config folder. */
export function sendsInvoicesConfig(): NodeJS.ProcessEnv {
  const example = JSON.parse(readFileSync(join(packageRoot(), 'config/examples/partner-sends-invoices-to-qbd.json'), 'utf8'));
  return { CONFIG_DIR: writeConfigDir({ 'defaults.json': GOOD_DEFAULTS, 'partners/sends-invoices.json': { ...example, partnerId: SENDS_INVOICES } }) };
}

/**
 * The step bench with books to write into: a QuickBooks company with one customer and one open
 * invoice of 100.00, read into the platform through the partner's rules as a first session
 * does, and the accounts money goes to chosen in the settings. Outbox rows are then made as a
 * partner makes them, through the platform API (payments, failures, payouts, invoices), and
 * the outbox step carries them to the simulated QuickBooks.
 */
export function useWriteBench(env: NodeJS.ProcessEnv = {}) {
  const bench = useStepBench(env);

  async function books(options: { partnerId?: string; accounts?: { payments?: boolean; deposits?: boolean } } = {}) {
    const company = new QuickBooksCompany(new SimClock(new Date(`${TODAY}T15:00:00Z`)));
    const customer = company.addCustomer({ name: 'Payer Ltd' });
    const invoice = company.addInvoice({ customerId: customer.listId, refNumber: 'INV-1', lines: [{ itemName: 'Consulting', amount: '100.00' as Money }] });
    const env = await bench.connect(company, options.partnerId);
    await env.run(accountsStep);
    await env.run(customersStep, { routes: 1, deliver: true });
    for (let window = 0, done = false; !done; window++) {
      if (window > 5) throw new Error('the invoices step did not reach its incremental phase');
      done = (await env.run(invoicesStep, { routes: 1, deliver: true })).result.done;
    }
    company.clock.advance(60);
    const base = `/api/connections/${env.connectionId}`;
    /** A partner API call that must answer `status`. */
    const call = async (method: string, path: string, body: unknown, status: number) => {
      const answer = await env.api.call(method, path.startsWith('/api/payments') ? path : `${base}${path}`, body);
      expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).to.equal(status);
      return answer.body;
    };
    const accountId = async (name: string) =>
      ((await call('GET', '/accounts', undefined, 200)) as { id: string; name: string }[]).find((a) => a.name === name)!.id;
    const choose = async (which: { payments?: boolean; deposits?: boolean }) =>
      call(
        'PATCH',
        '/settings',
        {
          ...(which.payments ? { paymentAccountId: await accountId('Undeposited Funds') } : {}),
          ...(which.deposits ? { depositAccountId: await accountId('Checking') } : {}),
        },
        200,
      );
    const wanted = options.accounts ?? { payments: true, deposits: true };
    if (wanted.payments || wanted.deposits) await choose(wanted);
    const platformInvoices = async () => (await call('GET', '/invoices?limit=200', undefined, 200)).items as { id: string; qbd?: { txnId?: string } }[];
    const platformInvoice = (await platformInvoices()).find((i) => i.qbd?.txnId === invoice.txnId)!;
    const platformCustomer = ((await call('GET', '/customers?limit=200', undefined, 200)).items as { id: string; source: { id: string } }[]).find(
      (c) => c.source.id === customer.listId,
    )!;

    /** A payment received on the platform (its id): a receive-payment row for QuickBooks. */
    const pay = async (amount: string, invoiceId = platformInvoice.id): Promise<string> =>
      (await call('POST', '/payments', { invoiceId, amount, date: TODAY }, 201)).id;
    const fail = (paymentId: string) => call('POST', `/api/payments/${paymentId}/fail`, undefined, 200);
    /** A payout of these payments (its id): a deposit row for QuickBooks. */
    const payout = async (paymentIds: string[]): Promise<string> => (await call('POST', '/payouts', { paymentIds, date: TODAY }, 201)).id;
    /** The newest outbox row of a platform record, of one operation. */
    const rowOf = async (item: string, sourceId: string, operation: string) => (await latestRow(bench.em(), env.connectionId, item, sourceId, operation))!;
    const reread = async (id: string) => (await outboxRow(bench.em(), id))!;
    /** The sync log's lines for a record written to QuickBooks, oldest first, as [operation, outcome, message]. */
    const logOf = async (sourceId: string) =>
      (await readEvents(bench.em(), env.connectionId, 200))
        .filter((e) => e.source_id === sourceId && e.target === QBD_SYSTEM)
        .reverse()
        .map((e) => [e.operation, e.outcome, e.message]);
    const write = () => env.run(outboxStep);
    let asked = 0;
    /** The outbox step's next request, built and never sent (a connection that dropped before QuickBooks got it). */
    const ask = () =>
      outboxStep.buildRequest({
        em: bench.em(),
        connectionId: env.connectionId,
        requestId: `asked-${++asked}`,
        now: company.clock.now(),
        state: {},
        fullSync: false,
        sync: BUILT_IN_SYNC,
      });
    /** What the connection shows the partner as standing in the way. */
    const lastError = async () => (await call('GET', '', undefined, 200)).lastError as { code: string; message: string } | null;
    const loseWrite = () => env.lose(outboxStep);
    return {
      ...env,
      customer,
      invoice,
      platformInvoice,
      platformCustomer,
      call,
      choose,
      pay,
      fail,
      payout,
      rowOf,
      reread,
      logOf,
      write,
      loseWrite,
      ask,
      lastError,
    };
  }

  return { ...bench, books };
}
