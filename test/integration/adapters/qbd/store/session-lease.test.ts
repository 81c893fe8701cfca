import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { LEASE_IDLE_SECONDS } from '../../../../../adapters/qbd/qbwc/session-timing';
import { acquireLease, takeCompanyForSignIn } from '../../../../../adapters/qbd/store/session-lease';
import { closeSession, createSession } from '../../../../../adapters/qbd/store/session-store';
import { useTestService } from '../../../../support/use-test-service';
import { connectionWithTwoInstalls } from '../qbd-connection';

const T0 = new Date('2026-11-25T15:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const [TICKET_A, TICKET_B] = ['a'.repeat(64), 'b'.repeat(64)];

describe("The company's one-session lease (session-lease)", function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork();
  const lease = async (connectionId: string, ticketHash: string, now: Date) =>
    Boolean(await acquireLease(em(), connectionId, ticketHash, now, LEASE_IDLE_SECONDS));

  it('is taken by the first ticket that asks for a free company, and renewed by the same ticket', async () => {
    const { connectionId } = await connectionWithTwoInstalls(service.current.url);
    expect(await lease(connectionId, TICKET_A, at(0))).to.equal(true);
    expect(await lease(connectionId, TICKET_A, at(60))).to.equal(true);
  });

  it('refuses another ticket while the holder is alive, and gives it the company once the lease lapses after LEASE_IDLE_SECONDS with no renewal', async () => {
    const { connectionId } = await connectionWithTwoInstalls(service.current.url);
    expect(await lease(connectionId, TICKET_A, at(0))).to.equal(true);
    expect(await lease(connectionId, TICKET_B, at(LEASE_IDLE_SECONDS - 1))).to.equal(false);
    expect(await lease(connectionId, TICKET_B, at(LEASE_IDLE_SECONDS))).to.equal(false);
    expect(await lease(connectionId, TICKET_B, at(LEASE_IDLE_SECONDS + 1))).to.equal(true);
    // The old holder comes back too late: the company is the other ticket's now.
    expect(await lease(connectionId, TICKET_A, at(LEASE_IDLE_SECONDS + 2))).to.equal(false);
  });

  it('counts the idle time from the last renewal, not from the first taking', async () => {
    const { connectionId } = await connectionWithTwoInstalls(service.current.url);
    expect(await lease(connectionId, TICKET_A, at(0))).to.equal(true);
    expect(await lease(connectionId, TICKET_A, at(300))).to.equal(true);
    expect(await lease(connectionId, TICKET_B, at(LEASE_IDLE_SECONDS + 1))).to.equal(false);
    expect(await lease(connectionId, TICKET_B, at(300 + LEASE_IDLE_SECONDS + 1))).to.equal(true);
  });

  it("is freed at once when its holder's session closes, and another session's close changes nothing", async () => {
    const { connectionId, first, second } = await connectionWithTwoInstalls(service.current.url);
    const plan = { steps: [], fullSync: false };
    await createSession(em(), { ticketHash: TICKET_A, connectionId, installId: first.id, now: at(0), plan });
    await createSession(em(), { ticketHash: TICKET_B, connectionId, installId: second.id, now: at(0), plan });
    expect(await lease(connectionId, TICKET_A, at(0))).to.equal(true);
    expect((await closeSession(em(), TICKET_B, at(1)))?.closed_at).to.equal(null);
    expect(await lease(connectionId, TICKET_B, at(1))).to.equal(false);
    expect((await closeSession(em(), TICKET_A, at(2)))?.closed_at).to.equal(null);
    expect(await lease(connectionId, TICKET_B, at(2))).to.equal(true);
    // Closed once: a second close answers the closed row and frees nothing.
    expect(new Date((await closeSession(em(), TICKET_A, at(3)))!.closed_at!).getTime()).to.equal(at(2).getTime());
    expect(await lease(connectionId, TICKET_A, at(3))).to.equal(false);
    expect(await closeSession(em(), 'c'.repeat(64), at(3))).to.equal(undefined);
  });

  it("is one per company: a session of another company's connection is never in the way", async () => {
    const one = await connectionWithTwoInstalls(service.current.url);
    const other = await connectionWithTwoInstalls(service.current.url);
    expect(await lease(one.connectionId, TICKET_A, at(0))).to.equal(true);
    expect(await lease(other.connectionId, TICKET_B, at(1))).to.equal(true);
  });

  describe('taken at a sign-in (takeCompanyForSignIn)', () => {
    const signIn = (tx: EntityManager, connectionId: string, installId: string, ticketHash: string, now: Date) =>
      takeCompanyForSignIn(tx, { installId, connectionId, ticketHash, now, ttlSeconds: LEASE_IDLE_SECONDS, reason: 'A new sign-in.' }, []);

    it("frees a lease its own install's unfinished session holds, and never another install's", async () => {
      const { connectionId, first, second } = await connectionWithTwoInstalls(service.current.url);
      const plan = { steps: [], fullSync: false };
      await createSession(em(), { ticketHash: 'd'.repeat(64), connectionId, installId: first.id, now: at(0), plan });
      expect(await lease(connectionId, 'd'.repeat(64), at(0))).to.equal(true);
      expect(await em().transactional((t) => signIn(t as EntityManager, connectionId, second.id, 'e'.repeat(64), at(1)))).to.deep.include({
        company: undefined,
        superseded: 0,
      });
      const again = await em().transactional((t) => signIn(t as EntityManager, connectionId, first.id, 'f'.repeat(64), at(2)));
      expect([again.superseded, again.company?.connection_id]).to.deep.equal([1, connectionId]);
    });

    it('lets two computers sign in at the same instant: one takes the company, the other waits for its lock and is told it is taken', async () => {
      const { connectionId, first, second } = await connectionWithTwoInstalls(service.current.url);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let taken!: () => void;
      const tookIt = new Promise<void>((resolve) => (taken = resolve));
      // The first holds the company row in its transaction until the second has asked for it.
      const firstSignIn = em().transactional(async (t) => {
        const result = await signIn(t as EntityManager, connectionId, first.id, TICKET_A, at(0));
        taken();
        await held;
        return result;
      });
      await tookIt;
      const secondSignIn = em().transactional((t) => signIn(t as EntityManager, connectionId, second.id, TICKET_B, at(0)));
      // Long enough for the second statement to reach the row lock on a server (the embedded database runs one transaction at a time).
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      const [a, b] = await Promise.all([firstSignIn, secondSignIn]);
      expect([a.company?.connection_id, b.company]).to.deep.equal([connectionId, undefined]);
    });
  });
});
