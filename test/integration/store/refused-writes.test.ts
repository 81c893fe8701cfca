import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { OutboxState, enqueue, markOutbox } from '../../../core/store/outbox';
import { refusedWrites } from '../../../core/store/refused-writes';
import { PartnerApi } from '../../support/partner-api';
import { useTestService } from '../../support/use-test-service';

const T0 = new Date('2026-11-25T15:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('Writes the target refused, as the partner is asked about them (refused-writes)', function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork() as EntityManager;

  async function connectionId(): Promise<string> {
    const api = await PartnerApi.createPartner(service.current.url, 'Refusals');
    return (await api.call('POST', '/api/connections', { companyName: 'Refused Books' })).body.id as string;
  }

  /** A write queued at `queued` and carried to `state` at `ended`, as the outbox step and its writers do. */
  async function write(connection: string, item: string, sourceId: string, state: OutboxState, queued: number, ended: number, message?: string) {
    const id = await enqueue(em(), {
      connectionId: connection,
      source: 'alternative',
      target: 'qbd',
      item,
      operation: 'upsert',
      sourceId,
      payload: { sourceId },
      now: at(queued),
    });
    if (state !== 'pending') await markOutbox(em(), id, { state, message: message ?? null }, at(ended));
    return id;
  }

  it('lists the refused writes newest first, with what the target said', async () => {
    const c = await connectionId();
    const older = await write(c, 'payment', 'p-1', 'needs-action', 0, 10, 'The customer is inactive in QuickBooks.');
    const newer = await write(c, 'customer', 'c-1', 'needs-action', 1, 20, 'The name is already used.');
    const listed = await refusedWrites(em(), c, 10);
    expect(listed.map((w) => [w.id, w.target, w.item, w.source_id, w.message])).to.deep.equal([
      [newer, 'qbd', 'customer', 'c-1', 'The name is already used.'],
      [older, 'qbd', 'payment', 'p-1', 'The customer is inactive in QuickBooks.'],
    ]);
    expect(listed.map((w) => new Date(w.updated_at).getTime())).to.deep.equal([at(20).getTime(), at(10).getTime()]);
  });

  it('leaves out writes in any other state', async () => {
    const c = await connectionId();
    for (const state of ['pending', 'sent', 'done', 'cancelled'] as const) await write(c, 'payment', `p-${state}`, state, 0, 5);
    expect(await refusedWrites(em(), c, 10)).to.deep.equal([]);
  });

  it('no longer lists a refused write once a later write of the same record is queued, whatever becomes of it', async () => {
    const c = await connectionId();
    await write(c, 'payment', 'p-1', 'needs-action', 0, 10, 'first refusal');
    await write(c, 'payment', 'p-1', 'pending', 20, 20);
    await write(c, 'payment', 'p-2', 'needs-action', 0, 10, 'refused, then undone');
    await write(c, 'payment', 'p-2', 'cancelled', 20, 30);
    expect(await refusedWrites(em(), c, 10)).to.deep.equal([]);
  });

  it("lists only the newest refusal of a record refused twice, and keeps another item's record of the same id", async () => {
    const c = await connectionId();
    await write(c, 'payment', 'x-1', 'needs-action', 0, 10, 'first refusal');
    const again = await write(c, 'payment', 'x-1', 'needs-action', 20, 30, 'second refusal');
    const invoice = await write(c, 'invoice', 'x-1', 'needs-action', 0, 5, 'an invoice of the same id');
    expect((await refusedWrites(em(), c, 10)).map((w) => [w.id, w.message])).to.deep.equal([
      [again, 'second refusal'],
      [invoice, 'an invoice of the same id'],
    ]);
  });

  it('orders refusals of the same moment by the order they were queued, the later first', async () => {
    const c = await connectionId();
    const first = await write(c, 'payment', 'p-1', 'needs-action', 0, 10);
    const second = await write(c, 'payment', 'p-2', 'needs-action', 0, 10);
    const third = await write(c, 'payment', 'p-3', 'needs-action', 0, 10);
    expect((await refusedWrites(em(), c, 10)).map((w) => w.id)).to.deep.equal([third, second, first]);
    expect(
      (await refusedWrites(em(), c, 2)).map((w) => w.id),
      'at most the limit',
    ).to.deep.equal([third, second]);
    expect((await refusedWrites(em(), c, 10))[0].message, 'a refusal without words').to.equal(null);
  });

  it("never lists another connection's refusals", async () => {
    const [c, other] = [await connectionId(), await connectionId()];
    await write(other, 'payment', 'p-1', 'needs-action', 0, 10, 'theirs');
    await write(c, 'payment', 'p-1', 'pending', 20, 20);
    expect(await refusedWrites(em(), c, 10)).to.deep.equal([]);
    expect((await refusedWrites(em(), other, 10)).map((w) => w.message)).to.deep.equal(['theirs']);
  });
});
