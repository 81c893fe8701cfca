import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import type { Change } from '../../core/changes/change';
import { SYSTEM_ID_RULES } from '../../core/changes/system-id';
import { SUPPORTED_PORT_VERSIONS, type ApplyChangesOutput } from '../../core/ports/adapter-port';
import { defineAdapter } from '../../core/ports/define-adapter';
import { readCursor, writeCursor } from '../../core/store/sync-cursors';
import type { AdapterHarness, HarnessConnection } from './adapter-harness';

export type { AdapterHarness, HarnessConnection } from './adapter-harness';

class RolledBack extends Error {}

/** The longest first sync the bookmark point cuts through, so a sync that never ends fails instead of looping. */
const MOST_CUTS = 40;

/**
 * The suite every adapter must pass, run with the harness of one adapter (see
 * adapter-harness.ts and the *.contract.test.ts files beside this one).
 *
 * @example adapterContract('The QuickBooks Desktop adapter', qbdHarness);
 */
export function adapterContract<C extends HarnessConnection>(name: string, harness: AdapterHarness<C>): void {
  const { adapter } = harness;

  /** Applies changes (the whole record allowed) in a transaction of the caller's, committed unless `rollBack`. */
  async function apply(
    connection: C,
    changes: readonly Change[],
    options: { rollBack?: boolean; alongside?: (tx: EntityManager) => Promise<void> } = {},
  ): Promise<ApplyChangesOutput> {
    let output: ApplyChangesOutput | undefined;
    await harness
      .database()
      .transactional(async (tx) => {
        const transaction = tx as EntityManager;
        output = await adapter.apply({
          connectionId: connection.connectionId,
          changes: changes.map((change) => ({ change, allowedGroups: ['*'] })),
          transaction,
          now: harness.now(),
        });
        await options.alongside?.(transaction);
        if (options.rollBack) throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    return output!;
  }

  const taken = (outcome: string) => expect(outcome).to.be.oneOf(['applied', 'deferred']);

  describe(`${name} (adapter contract)`, function () {
    this.timeout(60_000);
    harness.setUp();

    describe('declares what it reads and writes', () => {
      it('in items the catalog knows, each once', () => {
        const catalog = harness.registry().catalog;
        for (const kind of [...adapter.reads, ...adapter.writes]) expect(catalog.has(kind), `${kind} is in the catalog`).to.equal(true);
        expect(new Set(adapter.reads).size, 'reads repeat no item').to.equal(adapter.reads.length);
        expect(new Set(adapter.writes).size, 'writes repeat no item').to.equal(adapter.writes.length);
      });

      it('with a supported port version and a valid system id, as defineAdapter and the running service hold it', () => {
        expect(SUPPORTED_PORT_VERSIONS as readonly number[]).to.include(adapter.portVersion);
        expect(adapter.system).to.match(SYSTEM_ID_RULES.pattern);
        expect(adapter.displayName.trim()).to.not.equal('');
        expect(defineAdapter(adapter)).to.equal(adapter);
        expect(harness.registry().adapters.get(adapter.system)).to.equal(adapter);
      });

      it('and takes what it declares: its sample change is of an item it writes, applied or deferred', async () => {
        const connection = await harness.connect();
        const change = await harness.change(connection, 1);
        expect(adapter.writes).to.include(change.item);
        const { results } = await apply(connection, [change]);
        expect(results).to.have.length(1);
        taken(results[0].outcome);
      });

      it('and answers a change of an item it does not write with a failure, not a throw, writing nothing', async () => {
        const connection = await harness.connect();
        const change = await harness.change(connection, 1);
        const undeclared = harness.registry().catalog.kinds.find((kind) => !adapter.writes.includes(kind));
        expect(undeclared, 'the catalog has an item this adapter does not write').to.be.a('string');
        const { results } = await apply(connection, [{ ...change, item: undeclared! }]);
        expect(results.map((r) => [r.index, r.outcome])).to.deep.equal([[0, 'failed']]);
        expect(results[0].error?.message).to.be.a('string').and.not.equal('');
        await harness.carry(connection);
        expect(await harness.held(connection, change)).to.deep.equal([]);
      });
    });

    describe("applies inside the caller's transaction", () => {
      it('writes nothing the system ever sees when the caller rolls back, and the same change committed is written', async () => {
        const connection = await harness.connect();
        const change = await harness.change(connection, 1);
        const { results } = await apply(connection, [change], { rollBack: true });
        taken(results[0].outcome);
        await harness.carry(connection);
        expect(await harness.held(connection, change), 'after the rollback').to.deep.equal([]);
        taken((await apply(connection, [change])).results[0].outcome);
        await harness.carry(connection);
        expect(await harness.held(connection, change), 'after the commit').to.have.length(1);
      });
    });

    describe('gives one outcome per change', () => {
      const gap = harness.knownGaps?.malformedPayload;
      const title = gap
        ? `KNOWN GAP: with a malformed payload among good ones, that one is ${gap.outcome} instead of failed or skipped (${gap.why}); the others written`
        : 'with a malformed payload among good ones: that one failed or skipped with a message, the others written';
      it(title, async () => {
        const connection = await harness.connect();
        const good = [await harness.change(connection, 1), await harness.change(connection, 2)];
        const bad = await harness.malformed(connection, 3);
        const { results } = await apply(connection, [good[0], bad, good[1]]);
        expect(results.map((r) => r.index).sort()).to.deep.equal([0, 1, 2]);
        const byIndex = new Map(results.map((r) => [r.index, r]));
        taken(byIndex.get(0)!.outcome);
        taken(byIndex.get(2)!.outcome);
        if (gap) {
          expect(byIndex.get(1)!.outcome, 'the malformed change, as the known gap says (fixed? remove the gap)').to.equal(gap.outcome);
        } else {
          expect(byIndex.get(1)!.outcome, 'the malformed change').to.be.oneOf(['failed', 'skipped']);
          expect(byIndex.get(1)!.error?.message, 'why the malformed change was not taken').to.be.a('string').and.not.equal('');
        }
        await harness.carry(connection);
        for (const change of good) expect(await harness.held(connection, change), change.sourceId).to.have.length(1);
      });
    });

    describe('writes exactly once', () => {
      it('the same change applied twice: one record', async () => {
        const connection = await harness.connect();
        const change = await harness.change(connection, 1);
        const first = (await apply(connection, [change])).results[0];
        await harness.carry(connection);
        const second = (await apply(connection, [change])).results[0];
        await harness.carry(connection);
        taken(first.outcome);
        expect(second.outcome).to.be.oneOf(['applied', 'deferred', 'skipped']);
        expect(await harness.held(connection, change)).to.have.length(1);
      });

      if (harness.exactlyOnce.kind === 'lost-answer') {
        const { carryLosingTheAnswer } = harness.exactlyOnce;
        it("when the system's answer to the write is lost: one record", async () => {
          const connection = await harness.connect();
          const change = await harness.change(connection, 1);
          expect((await apply(connection, [change])).results[0].outcome).to.equal('deferred');
          await carryLosingTheAnswer(connection);
          await harness.carry(connection);
          expect(await harness.held(connection, change)).to.have.length(1);
        });
      } else {
        it("synchronously: apply's outcome is final (applied, never deferred), with the record's id, so no answer can be lost", async () => {
          const connection = await harness.connect();
          const change = await harness.change(connection, 1);
          const { results } = await apply(connection, [change]);
          expect(results[0].outcome).to.equal('applied');
          expect(await harness.held(connection, change)).to.deep.equal([results[0].targetId]);
        });
      }
    });

    describe('reads back its own writes', () => {
      const readBack = harness.readBack;
      if (readBack.kind === 'reads-own-writes') {
        it('a record it wrote, read back from the system, is linked to where it came from, not added twice', async () => {
          expect(adapter.reads.length, 'an adapter that reads its writes back declares reads').to.be.greaterThan(0);
          const connection = await harness.connect();
          const change = await harness.change(connection, 1);
          await apply(connection, [change]);
          await harness.carry(connection);
          await readBack.readAgain(connection);
          const held = await harness.held(connection, change);
          expect(held).to.have.length(1);
          expect(await readBack.atOrigin(connection, change)).to.deep.equal([{ id: change.sourceId, linkedTo: held[0] }]);
        });
      } else {
        it('reads nothing, so nothing it wrote can come back through it', () => {
          expect(adapter.reads).to.deep.equal([]);
        });
        it("one of its records another system took comes back under that system's id as ours (relinked), not added twice", async () => {
          const connection = await harness.connect();
          const { ours, echo } = await readBack.sentElsewhere(connection, 1);
          const { results } = await apply(connection, [echo]);
          expect(results[0]).to.deep.include({ outcome: 'applied', targetId: ours });
          expect(await harness.held(connection, echo)).to.deep.equal([ours]);
        });
      }
    });

    describe('moves bookmarks only with data', () => {
      const bookmarks = harness.bookmarks;
      if (bookmarks.kind === 'pages') {
        it('a first sync cut after each stored answer never has a bookmark past what was stored, and resumes to the end', async function () {
          this.timeout(120_000);
          let cuts = 0;
          const streams = new Set<string>();
          for (let n = 1; ; n++) {
            expect(n, 'the first sync ends').to.be.at.most(MOST_CUTS);
            const connection = await bookmarks.cutAfter(n);
            if (!connection) break;
            cuts++;
            const unstored = await bookmarks.unstoredBehindBookmarks(connection);
            Object.keys(unstored).forEach((s) => streams.add(s));
            expect(unstored, `cut after answer ${n}`).to.deep.equal(Object.fromEntries(Object.keys(unstored).map((s) => [s, []])));
            await bookmarks.resume(connection);
            const after = await bookmarks.unstoredBehindBookmarks(connection);
            expect(after, `resumed after the cut at ${n}`).to.deep.equal(Object.fromEntries(Object.keys(after).map((s) => [s, []])));
            expect(Object.keys(after), 'a completed sync keeps bookmarks').to.not.deep.equal([]);
          }
          expect(cuts, 'cuts made').to.be.greaterThan(1);
          expect(streams.size, 'a cut sync already kept a bookmark').to.be.greaterThan(0);
        });
      } else {
        it("reads nothing, so keeps no bookmark of its own; a caller's bookmark written beside its writes rolls back and commits with them", async () => {
          expect(adapter.reads).to.deep.equal([]);
          const connection = await harness.connect();
          const change = await harness.change(connection, 1);
          const stream = 'contract:caller';
          const alongside = (tx: EntityManager) => writeCursor(tx, connection.connectionId, stream, change.sourceId, harness.now());
          await apply(connection, [change], { rollBack: true, alongside });
          expect(await readCursor(harness.database(), connection.connectionId, stream)).to.equal(undefined);
          expect(await harness.held(connection, change)).to.deep.equal([]);
          await apply(connection, [change], { alongside });
          expect(await readCursor(harness.database(), connection.connectionId, stream)).to.equal(change.sourceId);
          expect(await harness.held(connection, change)).to.have.length(1);
        });
      }
    });
  });
}
