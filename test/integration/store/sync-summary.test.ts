import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import type { RoutedOutcome } from '../../../core/pipeline/flow-decision';
import type { RecordEffect } from '../../../core/ports/adapter-port';
import { recordOutcomes, readEvents } from '../../../core/store/sync-events';
import { recordSessionSummary } from '../../../core/store/sync-summary';
import type { Instant } from '../../../core/values/instant';
import { PartnerApi } from '../../support/partner-api';
import { useTestService } from '../../support/use-test-service';

const T0 = new Date('2026-11-25T15:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** A change's routed outcome as the pipeline hands it to the sync log. */
function outcome(item: string, operation: 'upsert' | 'delete', result: RoutedOutcome['outcome'], effect?: RecordEffect): RoutedOutcome {
  const change = { item, operation, source: 'qbd', sourceId: `${item}-${Math.random()}`, observedAt: T0.toISOString() as Instant, payload: {} };
  return { change, outcome: result, ...(effect ? { effect } : {}) };
}

describe("A finished session's line in the sync log (sync-summary)", function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork() as EntityManager;

  async function connectionId(): Promise<string> {
    const api = await PartnerApi.createPartner(service.current.url, 'Summaries');
    return (await api.call('POST', '/api/connections', { companyName: 'Summary Books' })).body.id as string;
  }

  const log = (c: string, seconds: number, ...outcomes: RoutedOutcome[]) => recordOutcomes(em(), c, 'alternative', outcomes, at(seconds));
  const summarise = (c: string, since: number, now: number) =>
    recordSessionSummary(em(), { connectionId: c, source: 'qbd', target: 'none', since: at(since), now: at(now) });
  /** The session lines of the log, newest first. */
  const summaries = async (c: string) => (await readEvents(em(), c, 100)).filter((e) => e.item === 'sync');

  it('counts the lines written since the session started by item, operation, outcome and effect', async () => {
    const c = await connectionId();
    await log(c, 10, outcome('invoice', 'upsert', 'applied', 'updated'), outcome('invoice', 'upsert', 'applied', 'updated'));
    await log(c, 11, outcome('invoice', 'upsert', 'applied', 'created'), outcome('customer', 'upsert', 'skipped'), outcome('payment', 'delete', 'failed'));
    await summarise(c, 0, 20);
    const [line, ...others] = await summaries(c);
    expect(others).to.deep.equal([]);
    expect(line).to.deep.include({ operation: 'session', source: 'qbd', target: 'none', source_id: '', outcome: 'applied', message: null, effect: null });
    expect(new Date(line.at).getTime()).to.equal(at(20).getTime());
    expect(line.counts).to.deep.equal({
      'invoice:upsert:applied:updated': 2,
      'invoice:upsert:applied:created': 1,
      'customer:upsert:skipped': 1,
      'payment:delete:failed': 1,
    });
  });

  it('leaves out deferred lines, lines from before the session, and unchanged records (they get no line at all)', async () => {
    const c = await connectionId();
    await log(c, 5, outcome('invoice', 'upsert', 'applied', 'created'));
    await log(c, 10, outcome('payment', 'upsert', 'deferred'), outcome('invoice', 'upsert', 'applied', 'unchanged'), outcome('customer', 'upsert', 'denied'));
    await summarise(c, 8, 20);
    expect((await summaries(c)).map((l) => l.counts)).to.deep.equal([{ 'customer:upsert:denied': 1 }]);
  });

  it('writes no line for a session that found nothing new, nor for one that only deferred', async () => {
    const c = await connectionId();
    await summarise(c, 0, 10);
    await log(c, 15, outcome('payment', 'upsert', 'deferred'));
    await summarise(c, 12, 20);
    expect(await summaries(c)).to.deep.equal([]);
  });

  it('counts only the lines after the previous summary, so a session starting earlier does not count them twice', async () => {
    const c = await connectionId();
    await log(c, 10, outcome('invoice', 'upsert', 'applied', 'created'));
    await summarise(c, 0, 20);
    await log(c, 30, outcome('invoice', 'upsert', 'applied', 'updated'));
    await summarise(c, 0, 40);
    await summarise(c, 0, 50);
    expect((await summaries(c)).map((l) => l.counts)).to.deep.equal([{ 'invoice:upsert:applied:updated': 1 }, { 'invoice:upsert:applied:created': 1 }]);
  });

  it("counts neither another connection's lines nor its summaries", async () => {
    const [c, other] = [await connectionId(), await connectionId()];
    await log(c, 10, outcome('invoice', 'upsert', 'applied', 'created'));
    await log(other, 11, outcome('customer', 'upsert', 'applied', 'created'));
    await summarise(other, 0, 12);
    await summarise(c, 0, 20);
    expect((await summaries(c)).map((l) => l.counts)).to.deep.equal([{ 'invoice:upsert:applied:created': 1 }]);
    expect((await summaries(other)).map((l) => l.counts)).to.deep.equal([{ 'customer:upsert:applied:created': 1 }]);
  });

  it('writes nothing when the transaction it runs in rolls back', async () => {
    const c = await connectionId();
    await log(c, 10, outcome('invoice', 'upsert', 'applied', 'created'));
    await em()
      .transactional(async (tx) => {
        await recordSessionSummary(tx as EntityManager, { connectionId: c, source: 'qbd', target: 'none', since: at(0), now: at(20) });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await summaries(c)).to.deep.equal([]);
  });
});
