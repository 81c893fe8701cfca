import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { forgetPresent, markSeenInScan, notePresent, takeVanished } from '../../../../../adapters/qbd/store/presence';
import { flushHeldWrites } from '../../../../../core/store/flush-held-writes';
import { holdWrites } from '../../../../../core/store/held-writes';
import { sendSql } from '../../../../../core/store/send-sql';
import { PartnerApi } from '../../../../support/partner-api';
import { useTestService } from '../../../../support/use-test-service';
import { countStatements } from '../../../store/count-statements';

const T0 = new Date('2026-11-25T15:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe('The records QuickBooks holds, to find those deleted there (presence)', function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork() as EntityManager;

  async function connectionId(): Promise<string> {
    const api = await PartnerApi.createPartner(service.current.url, 'Presence');
    return (await api.call('POST', '/api/connections', { companyName: 'Present Books' })).body.id as string;
  }

  /** What is known present for an item, with when it was first seen (in minutes after T0). */
  const known = async (c: string, item: string) =>
    (
      await sendSql<{ source_id: string; first_seen_at: Date }[]>(
        em(),
        'select source_id, first_seen_at from qbd_presence where connection_id = ? and item = ? order by source_id',
        [c, item],
      )
    ).map((r) => [r.source_id, (new Date(r.first_seen_at).getTime() - T0.getTime()) / 60_000]);

  it('notes a page of ids in one statement and keeps when each was first seen', async () => {
    const c = await connectionId();
    const writer = em();
    const statements = countStatements(writer);
    await notePresent(writer, c, 'customer', ['80-1', '80-2'], at(0));
    await notePresent(writer, c, 'customer', [], at(1));
    statements.stop();
    expect(statements.sent).to.have.length(1);
    await notePresent(em(), c, 'customer', ['80-2', '80-3'], at(5));
    expect(await known(c, 'customer')).to.deep.equal([
      ['80-1', 0],
      ['80-2', 0],
      ['80-3', 5],
    ]);
  });

  it("holds a session answer's notes for its last statement, and writes them first when a later statement of its own must see them", async () => {
    const c = await connectionId();
    await em().transactional(async (t) => {
      const tx = t as EntityManager;
      holdWrites(tx);
      const statements = countStatements(tx);
      await notePresent(tx, c, 'customer', ['H-1', 'H-2'], at(0));
      await notePresent(tx, c, 'invoice', ['H-1'], at(0));
      await notePresent(tx, c, 'customer', ['H-2', 'H-3'], at(0));
      expect(statements.sent, 'nothing sent while held').to.have.length(0);
      // A deletion in the same answer: the notes go first, so the one forgotten stays forgotten.
      await forgetPresent(tx, c, 'customer', ['H-3']);
      expect(statements.sent).to.have.length(2);
      await notePresent(tx, c, 'customer', ['H-4'], at(0));
      await flushHeldWrites(tx);
      statements.stop();
      expect(statements.sent).to.have.length(3);
    });
    expect(await known(c, 'customer')).to.deep.equal([
      ['H-1', 0],
      ['H-2', 0],
      ['H-4', 0],
    ]);
    expect(await known(c, 'invoice')).to.deep.equal([['H-1', 0]]);
  });

  it('takes as vanished the ids known before the scan began that it did not find, once', async () => {
    const c = await connectionId();
    await notePresent(em(), c, 'invoice', ['A', 'B', 'C'], at(0));
    await markSeenInScan(em(), c, 'invoice', ['A', 'C'], at(10));
    expect(await takeVanished(em(), c, 'invoice', at(10))).to.deep.equal(['B']);
    expect(await takeVanished(em(), c, 'invoice', at(10)), 'forgotten as it is taken').to.deep.equal([]);
    expect((await known(c, 'invoice')).map(([id]) => id)).to.deep.equal(['A', 'C']);
  });

  it('keeps what was first seen after the scan began, though the scan did not find it', async () => {
    const c = await connectionId();
    await notePresent(em(), c, 'invoice', ['old'], at(0));
    await notePresent(em(), c, 'invoice', ['new'], at(12));
    expect(await takeVanished(em(), c, 'invoice', at(10))).to.deep.equal(['old']);
    expect((await known(c, 'invoice')).map(([id]) => id)).to.deep.equal(['new']);
  });

  it('does not count a mark of an earlier scan as found by this one', async () => {
    const c = await connectionId();
    await notePresent(em(), c, 'customer', ['80-1', '80-2'], at(0));
    await markSeenInScan(em(), c, 'customer', ['80-1', '80-2'], at(10));
    expect(await takeVanished(em(), c, 'customer', at(10))).to.deep.equal([]);
    await markSeenInScan(em(), c, 'customer', ['80-2'], at(20));
    expect(await takeVanished(em(), c, 'customer', at(20))).to.deep.equal(['80-1']);
  });

  it('keeps items apart: a customer and an invoice of the same id are two records', async () => {
    const c = await connectionId();
    await notePresent(em(), c, 'customer', ['X'], at(0));
    await notePresent(em(), c, 'invoice', ['X'], at(0));
    await markSeenInScan(em(), c, 'invoice', ['X'], at(10));
    expect(await takeVanished(em(), c, 'customer', at(10))).to.deep.equal(['X']);
    expect(await known(c, 'invoice')).to.deep.equal([['X', 0]]);
  });

  it('forgets the given ids of one item only, and asks nothing for none', async () => {
    const c = await connectionId();
    await notePresent(em(), c, 'customer', ['80-1', '80-2', '80-3'], at(0));
    await notePresent(em(), c, 'invoice', ['80-1'], at(0));
    await forgetPresent(em(), c, 'customer', ['80-1', '80-3', 'unknown']);
    const writer = em();
    const statements = countStatements(writer);
    await forgetPresent(writer, c, 'customer', []);
    await markSeenInScan(writer, c, 'customer', [], at(10));
    statements.stop();
    expect(statements.sent).to.deep.equal([]);
    expect((await known(c, 'customer')).map(([id]) => id)).to.deep.equal(['80-2']);
    expect((await known(c, 'invoice')).map(([id]) => id)).to.deep.equal(['80-1']);
  });

  it("never takes, marks or forgets another connection's records", async () => {
    const [c, other] = [await connectionId(), await connectionId()];
    await notePresent(em(), other, 'customer', ['80-1', '80-2'], at(0));
    await notePresent(em(), c, 'customer', ['80-1'], at(0));
    await markSeenInScan(em(), c, 'customer', ['80-1', '80-2'], at(10));
    await forgetPresent(em(), c, 'customer', ['80-1']);
    expect(await takeVanished(em(), c, 'customer', at(10))).to.deep.equal([]);
    expect((await takeVanished(em(), other, 'customer', at(10))).sort()).to.deep.equal(['80-1', '80-2']);
  });
});
