import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { holdIdempotencyKey, keepAnswer, storedAnswer } from '../../../core/store/idempotency-store';
import { Connection } from '../../../core/store/entities/connection';
import { sendSql } from '../../../core/store/send-sql';
import { PartnerApi } from '../../support/partner-api';
import { useTestService } from '../../support/use-test-service';

const T0 = new Date('2026-11-25T15:00:00Z');
const hoursAfter = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const keyHash = (n: number) => n.toString(16).padStart(64, 'a');

describe('Idempotency keys in the database (idempotency-store)', function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork() as EntityManager;

  /** A new partner's id, the partner made through the admin API and read back through its first connection. */
  async function partnerId(): Promise<string> {
    const api = await PartnerApi.createPartner(service.current.url, 'Keys');
    const id = (await api.call('POST', '/api/connections', { companyName: 'Key Books' })).body.id as string;
    return (await em().findOneOrFail(Connection, { id })).partner.id;
  }

  const keep = (partner: string, hash: string, at: Date, status = 201, answer = Buffer.from([1, 2, 3])) =>
    keepAnswer(em(), { partnerId: partner, keyHash: hash, fingerprint: `print-${status}`, status, answer, now: at, expiredBefore: hoursAfter(-24) });

  const rowsOf = async (partner: string) =>
    (await sendSql<{ key_hash: string }[]>(em(), 'select key_hash from idempotency_key where partner_id = ? order by key_hash', [partner])).map(
      (r) => r.key_hash,
    );

  it('gives back a kept answer as it was kept: fingerprint, status and the sealed bytes unchanged', async () => {
    const partner = await partnerId();
    const sealed = Buffer.from([0, 255, 10, 13, 0, 92, 39]);
    await keep(partner, keyHash(1), T0, 422, sealed);
    const kept = await storedAnswer(em(), partner, keyHash(1), hoursAfter(-24));
    expect(kept).to.deep.include({ fingerprint: 'print-422', status: 422 });
    expect(Buffer.compare(kept!.answer, sealed)).to.equal(0);
  });

  it("reads nothing for an unknown key, another partner's same key, or an answer given before `since`", async () => {
    const [partner, other] = [await partnerId(), await partnerId()];
    await keep(partner, keyHash(2), T0);
    expect(await storedAnswer(em(), partner, keyHash(3), hoursAfter(-24))).to.equal(undefined);
    expect(await storedAnswer(em(), other, keyHash(2), hoursAfter(-24))).to.equal(undefined);
    expect(await storedAnswer(em(), partner, keyHash(2), hoursAfter(0.001))).to.equal(undefined);
    expect(await storedAnswer(em(), partner, keyHash(2), T0)).to.not.equal(undefined);
  });

  it('replaces the answer kept for the same key, keeping one row for it', async () => {
    const partner = await partnerId();
    await keep(partner, keyHash(4), T0, 409);
    await keep(partner, keyHash(4), hoursAfter(25), 201, Buffer.from('new'));
    expect(await rowsOf(partner)).to.deep.equal([keyHash(4)]);
    const kept = await storedAnswer(em(), partner, keyHash(4), hoursAfter(1));
    expect(kept).to.deep.include({ fingerprint: 'print-201', status: 201 });
    expect(kept!.answer.toString()).to.equal('new');
  });

  it("drops the partner's expired answers when it keeps one, and leaves another partner's and the fresh ones", async () => {
    const [partner, other] = [await partnerId(), await partnerId()];
    await keep(partner, keyHash(5), hoursAfter(-30));
    await keep(partner, keyHash(6), hoursAfter(-1));
    await keep(other, keyHash(5), hoursAfter(-30));
    await keep(partner, keyHash(7), T0);
    expect(await rowsOf(partner)).to.deep.equal([keyHash(6), keyHash(7)]);
    expect(await rowsOf(other)).to.deep.equal([keyHash(5)]);
  });

  describe('holding a key', () => {
    // Only the locks of the transaction's own backend: on a shared server other test processes
    // (their job engines, their sessions) hold and drop advisory locks of their own meanwhile.
    const backendOf = async (e: EntityManager) => (await sendSql<{ pid: number }[]>(e, 'select pg_backend_pid() as pid'))[0].pid;
    const advisoryLocksOf = async (e: EntityManager, backend: number) =>
      (await sendSql<{ n: number }[]>(e, `select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = ?`, [backend]))[0].n;

    it("holds it until the caller's transaction ends, once per partner and key, and again when the same transaction asks", async () => {
      const [partner, other] = [await partnerId(), await partnerId()];
      let backend = 0;
      let before = 0;
      await em().transactional(async (tx) => {
        const e = tx as EntityManager;
        backend = await backendOf(e);
        before = await advisoryLocksOf(e, backend);
        expect(await holdIdempotencyKey(e, partner, keyHash(8))).to.equal(true);
        expect(await advisoryLocksOf(e, backend)).to.equal(before + 1);
        expect(await holdIdempotencyKey(e, partner, keyHash(8)), 'the holder asking again').to.equal(true);
        expect(await holdIdempotencyKey(e, other, keyHash(8))).to.equal(true);
        expect(await holdIdempotencyKey(e, partner, keyHash(9))).to.equal(true);
        expect(await advisoryLocksOf(e, backend), "another partner's key and another key are locks of their own").to.equal(before + 3);
      });
      expect(await advisoryLocksOf(em(), backend)).to.equal(before);
    });

    it('lets go of it when the transaction rolls back', async () => {
      const partner = await partnerId();
      let backend = 0;
      let held = 0;
      await em()
        .transactional(async (tx) => {
          backend = await backendOf(tx as EntityManager);
          expect(await holdIdempotencyKey(tx as EntityManager, partner, keyHash(10))).to.equal(true);
          held = await advisoryLocksOf(tx as EntityManager, backend);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      expect(held, 'held while the transaction ran').to.be.at.least(1);
      expect(await advisoryLocksOf(em(), backend)).to.equal(held - 1);
    });
  });
});
