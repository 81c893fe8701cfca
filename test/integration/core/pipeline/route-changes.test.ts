import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { from } from 'rxjs';
import { Change } from '../../../../core/changes/change';
import { AppError } from '../../../../core/errors/app-error';
import { RoutedOutcome } from '../../../../core/pipeline/flow-decision';
import { routeChanges } from '../../../../core/pipeline/route-changes';
import { definePlugin } from '../../../../core/plugins/define-plugin';
import { buildFrameworkRegistry } from '../../../../core/plugins/framework-registry';
import { defineAdapter } from '../../../../core/ports/define-adapter';
import { withoutSavepoints } from '../../../../core/store/savepoints';
import { sendSql } from '../../../../core/store/send-sql';
import { Instant } from '../../../../core/values/instant';
import { PartnerApi } from '../../../support/partner-api';
import { useTestService } from '../../../support/use-test-service';

/**
 * Strict fake targets: each records the batches it applied, and anything it should never see (an
 * item it does not write, its own change back, a second batch while one is being written, facts
 * it was not asked for) is a violation the test fails on. A batch holding `failOn` throws.
 */
function fakeTargets(failOn: string) {
  const violations: string[] = [];
  const applied: Record<string, string[][]> = {};
  let writing = false;
  const target = (system: string, writes: string[], ready?: (c: Change) => boolean) =>
    defineAdapter({
      portVersion: 1,
      system,
      displayName: system,
      reads: [],
      writes,
      ...(ready ? { factsOf: async ({ changes }: { changes: readonly Change[] }) => changes.map((c) => (ready(c) ? ['invoice-ready'] : [])) } : {}),
      async apply({ changes }) {
        for (const { change } of changes)
          if (!writes.includes(change.item) || change.source === system) violations.push(`${system} got ${change.item} ${change.sourceId}`);
        if (writing) violations.push(`${system} was given a batch while another was being written`);
        writing = true;
        await sleep(5);
        writing = false;
        const ids = changes.map((c) => c.change.sourceId);
        (applied[system] ??= []).push(ids);
        if (ids.includes(failOn)) throw new AppError('transient', `${system} is unreachable.`);
        return { results: changes.map((c, index) => ({ index, outcome: 'applied' as const, targetId: `${system}-${c.change.sourceId}` })) };
      },
    });
  const adapters = [
    target('alpha', ['customer']),
    target('beta', ['customer', 'invoice']),
    target('gamma', ['invoice'], (c) => c.sourceId.startsWith('ready')),
  ];
  const plugin = definePlugin({
    id: 'router-test',
    description: 'customers and invoices from alpha to beta; ready invoices to gamma',
    systems: ['alpha', 'beta', 'gamma'],
    register(ctx) {
      ctx.registerCondition({ name: 'invoice-ready', item: 'invoice', description: 'gamma may take it' });
      ctx.registerRules([
        { item: 'customer', operation: 'upsert', flow: 'alpha->beta' },
        { item: 'invoice', operation: 'upsert', flow: 'alpha->beta' },
        { item: 'invoice', operation: 'upsert', when: 'invoice-ready', flow: 'alpha->gamma' },
        { item: 'payment', operation: 'upsert', flow: 'alpha->beta' },
      ]);
    },
  });
  return { registry: buildFrameworkRegistry({ plugins: [plugin], adapters }), violations, applied };
}

const change = (item: string, sourceId: string): Change => ({
  item,
  operation: 'upsert',
  source: 'alpha',
  sourceId,
  observedAt: '2026-11-25T10:00:00-05:00' as Instant,
  payload: {},
});
const summary = (outcomes: readonly RoutedOutcome[]) => outcomes.map((o) => `${o.change.sourceId} ${o.outcome}${o.targetId ? ` ${o.targetId}` : ''}`);

describe('routeChanges, on the real database with strict fake targets', function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const now = new Date('2026-11-25T15:00:00Z');
  const unreadable: RoutedOutcome = { change: change('customer', 'garbled'), outcome: 'failed', message: 'QuickBooks sent a Balance that is not an amount.' };
  const stream = () =>
    from([
      change('customer', 'c1'),
      change('invoice', 'ready-1'),
      change('invoice', 'draft-2'),
      unreadable,
      change('payment', 'p1'),
      change('customer', 'boom'),
      change('customer', 'c3'),
    ]);

  async function connectionId(): Promise<string> {
    const api = await PartnerApi.createPartner(service.current.url, 'Router');
    return (await api.call('POST', '/api/connections', { companyName: 'Router Books' })).body.id as string;
  }
  const em = () => service.current.service.database.orm.em.fork();
  const logOf = async (id: string) =>
    (
      await sendSql<{ target: string; source_id: string; outcome: string; message: string | null }[]>(
        em(),
        'select target, source_id, outcome, message from sync_event where connection_id = ? order by id',
        [id],
      )
    ).map((r) => `${r.target} ${r.source_id} ${r.outcome}${r.message ? `: ${r.message}` : ''}`);

  it('sends each change only to the targets that take it, through the rules, one batch at a time, and logs every outcome', async () => {
    const id = await connectionId();
    const { registry, violations, applied } = fakeTargets('boom');
    const outcomes = await em().transactional((tx) =>
      routeChanges(
        { registry, ruleSet: registry.ruleSetFor(), connectionId: id, connectionSystem: 'alpha', transaction: tx as EntityManager, now, batchSize: 2 },
        stream(),
      ),
    );
    expect(violations).to.deep.equal([]);
    expect(applied, 'alpha never gets its own changes back; gamma gets only the ready invoice').to.deep.equal({
      beta: [['c1', 'ready-1'], ['draft-2', 'boom'], ['c3']],
      gamma: [['ready-1']],
    });
    expect(summary(outcomes)).to.deep.equal([
      'c1 applied beta-c1',
      'ready-1 applied beta-ready-1',
      'draft-2 denied',
      'ready-1 applied gamma-ready-1',
      'garbled failed',
      'p1 skipped',
      'draft-2 failed',
      'boom failed',
      'c3 applied beta-c3',
    ]);
    expect(outcomes.find((o) => o.change.sourceId === 'p1')?.message).to.equal('No connected system takes payment.');
    expect(outcomes.find((o) => o.change.sourceId === 'boom')?.errorKind, "the failure keeps its kind, for the caller's answer").to.equal('transient');
    expect(await logOf(id), 'the untaken payment is not logged; the unreadable record goes nowhere').to.deep.equal([
      'beta c1 applied',
      'beta ready-1 applied',
      'gamma draft-2 denied: No rule lets invoice upsert flow from alpha to gamma.',
      'gamma ready-1 applied',
      'none garbled failed: QuickBooks sent a Balance that is not an amount.',
      'beta draft-2 failed: beta is unreachable.',
      'beta boom failed: beta is unreachable.',
      'beta c3 applied',
    ]);
  });

  it('sends nothing to a system the connection is not linked to', async () => {
    const id = await connectionId();
    const { registry, applied } = fakeTargets('boom');
    const outcomes = await em().transactional((tx) =>
      routeChanges({ registry, ruleSet: registry.ruleSetFor(), connectionId: id, connectionSystem: 'delta', transaction: tx as EntityManager, now }, stream()),
    );
    expect(applied).to.deep.equal({});
    expect(new Set(outcomes.map((o) => o.outcome))).to.have.keys('skipped', 'failed');
  });

  it('answers nothing and logs nothing for no changes', async () => {
    const id = await connectionId();
    const { registry, applied } = fakeTargets('boom');
    const outcomes = await em().transactional((tx) =>
      routeChanges({ registry, ruleSet: registry.ruleSetFor(), connectionId: id, connectionSystem: 'alpha', transaction: tx as EntityManager, now }, []),
    );
    expect([outcomes, applied, await logOf(id)]).to.deep.equal([[], {}, []]);
  });

  it('passes a failing batch on in a transaction without savepoints, so its opener runs it all again the careful way', async () => {
    const id = await connectionId();
    const { registry } = fakeTargets('boom');
    const attempt = em().transactional(async (tx) => {
      withoutSavepoints(tx as EntityManager);
      return routeChanges(
        { registry, ruleSet: registry.ruleSetFor(), connectionId: id, connectionSystem: 'alpha', transaction: tx as EntityManager, now, batchSize: 2 },
        stream(),
      );
    });
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(AppError).with.property('userMessage', 'beta is unreachable.');
    expect(await logOf(id), 'the rolled-back transaction kept nothing').to.deep.equal([]);
  });
});
