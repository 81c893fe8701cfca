import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { LEASE_IDLE_SECONDS } from '../../../../../adapters/qbd/qbwc/session-timing';
import { acquireLease } from '../../../../../adapters/qbd/store/session-lease';
import { QBD_SYSTEM } from '../../../../../adapters/qbd/qbd-system';
import {
  SessionPlan,
  createSession,
  endSessionsOf,
  lockSession,
  sessionByTicketHash,
  sessionWithCursors,
  updateSession,
} from '../../../../../adapters/qbd/store/session-store';
import { enqueue, nextDue } from '../../../../../core/store/outbox';
import { countStatements } from '../../../store/count-statements';
import { useTestService } from '../../../../support/use-test-service';
import { connectionWithTwoInstalls } from '../qbd-connection';

const T0 = new Date('2026-11-25T15:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const PLAN: SessionPlan = { steps: ['accounts', 'customers'], fullSync: false, partnerId: 'p-1', qbxmlVersion: '13.0' };
let tickets = 0;
/** A ticket hash of its own for each session (the store never sees a ticket, only its hash). */
const newTicketHash = () => (++tickets).toString(16).padStart(64, '0');

describe('Web Connector sessions in the database (session-store)', function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork();

  /** A session as a sign-in starts it: its row, and the company's lease for its ticket. */
  async function startSession(connectionId: string, installId: string, now: Date): Promise<string> {
    const ticketHash = newTicketHash();
    expect(Boolean(await acquireLease(em(), connectionId, ticketHash, now, LEASE_IDLE_SECONDS)), 'the lease').to.equal(true);
    await createSession(em(), { ticketHash, connectionId, installId, now, plan: PLAN });
    return ticketHash;
  }

  it("finds a session by its ticket's hash, as it was started, and nothing for an unknown hash", async () => {
    const { connectionId, first } = await connectionWithTwoInstalls(service.current.url);
    const ticketHash = await startSession(connectionId, first.id, at(0));
    const session = await sessionByTicketHash(em(), ticketHash);
    expect(session).to.deep.include({ ticket_hash: ticketHash, connection_id: connectionId, install_id: first.id, closed_at: null, step: 0, percent: 0 });
    expect(session).to.deep.include({ pending_request_id: null, last_error: null, summary: {}, step_state: {}, pending_batch: [], plan: PLAN });
    expect(new Date(session!.created_at).getTime()).to.equal(T0.getTime());
    expect(new Date(session!.last_seen_at).getTime()).to.equal(T0.getTime());
    expect(await sessionByTicketHash(em(), newTicketHash())).to.equal(undefined);
  });

  it("ends an install's unfinished session with the reason and frees the lease it holds, so another computer gets the company at once", async () => {
    const { connectionId, first, second } = await connectionWithTwoInstalls(service.current.url);
    const holder = await startSession(connectionId, first.id, at(0));
    expect(Boolean(await acquireLease(em(), connectionId, newTicketHash(), at(1), LEASE_IDLE_SECONDS)), 'another ticket while the holder is alive').to.equal(
      false,
    );
    expect(await endSessionsOf(em(), first.id, at(2), 'A new session from the same computer replaced this one.')).to.equal(1);
    const ended = await sessionByTicketHash(em(), holder);
    expect(ended?.last_error).to.equal('A new session from the same computer replaced this one.');
    expect(new Date(ended!.closed_at!).getTime()).to.equal(at(2).getTime());
    await startSession(connectionId, second.id, at(3));
    // Its sessions are ended already: nothing more to end.
    expect(await endSessionsOf(em(), first.id, at(4), 'again')).to.equal(0);
    expect((await sessionByTicketHash(em(), holder))?.last_error).to.equal('A new session from the same computer replaced this one.');
  });

  it("leaves another install's session and its lease alone, and keeps the first reason a session ended with", async () => {
    const { connectionId, first, second } = await connectionWithTwoInstalls(service.current.url);
    const holder = await startSession(connectionId, second.id, at(0));
    const waiting = newTicketHash();
    await createSession(em(), { ticketHash: waiting, connectionId, installId: first.id, now: at(1), plan: PLAN });
    await updateSession(em(), waiting, { last_error: 'QuickBooks could not be opened.' });
    expect(await endSessionsOf(em(), first.id, at(2), 'This computer was revoked.')).to.equal(1);
    expect((await sessionByTicketHash(em(), waiting))?.last_error).to.equal('QuickBooks could not be opened.');
    expect((await sessionByTicketHash(em(), holder))?.closed_at).to.equal(null);
    expect(Boolean(await acquireLease(em(), connectionId, newTicketHash(), at(3), LEASE_IDLE_SECONDS)), 'the holder still holds the company').to.equal(false);
  });

  it("reads with a call's session whether a write waits for QuickBooks, so the first look for one costs nothing when none does", async () => {
    const { connectionId, first } = await connectionWithTwoInstalls(service.current.url);
    const ticketHash = await startSession(connectionId, first.id, at(0));
    const idle = em();
    expect((await sessionWithCursors(idle, ticketHash))?.ticket_hash).to.equal(ticketHash);
    const statements = countStatements(idle);
    expect(await nextDue(idle, connectionId, QBD_SYSTEM)).to.equal(undefined);
    statements.stop();
    expect(statements.sent, 'nothing due: no look').to.have.length(0);
    const id = await enqueue(em(), {
      connectionId,
      source: 'alternative',
      target: QBD_SYSTEM,
      item: 'payment',
      operation: 'receive-payment',
      sourceId: 'p-1',
      payload: {},
      now: at(1),
    });
    // Known once only: a later look of the same call looks again.
    expect((await nextDue(idle, connectionId, QBD_SYSTEM))?.id).to.equal(id);
    const busy = em();
    await sessionWithCursors(busy, ticketHash);
    expect((await nextDue(busy, connectionId, QBD_SYSTEM))?.id).to.equal(id);
    // Queued by the same call after its read: due, whatever the read said.
    const other = await connectionWithTwoInstalls(service.current.url);
    const otherTicket = await startSession(other.connectionId, other.first.id, at(0));
    const call = em();
    await sessionWithCursors(call, otherTicket);
    const queued = await enqueue(call, {
      connectionId: other.connectionId,
      source: 'alternative',
      target: QBD_SYSTEM,
      item: 'payment',
      operation: 'receive-payment',
      sourceId: 'p-2',
      payload: {},
      now: at(1),
    });
    expect((await nextDue(call, other.connectionId, QBD_SYSTEM))?.id).to.equal(queued);
  });

  it('writes only the columns it is given, the JSON ones as JSON', async () => {
    const { connectionId, first } = await connectionWithTwoInstalls(service.current.url);
    const ticketHash = await startSession(connectionId, first.id, at(0));
    const batch = [{ step: 1, requestId: 'customers-1', requestIds: ['customers-1'] }];
    await updateSession(em(), ticketHash, {
      step: 1,
      pending_request_id: 'customers-1',
      pending_batch: batch,
      summary: { accounts: 4 },
      step_state: { iterator: 'x' },
    });
    await updateSession(em(), ticketHash, { percent: 50 });
    await updateSession(em(), ticketHash, {});
    expect(await sessionByTicketHash(em(), ticketHash)).to.deep.include({
      step: 1,
      percent: 50,
      pending_request_id: 'customers-1',
      pending_batch: batch,
      summary: { accounts: 4 },
      step_state: { iterator: 'x' },
      closed_at: null,
      plan: PLAN,
    });
  });

  it('hands a transaction the fields of the row it locks, and nothing for an unknown ticket', async () => {
    const { connectionId, first } = await connectionWithTwoInstalls(service.current.url);
    const ticketHash = await startSession(connectionId, first.id, at(0));
    await updateSession(em(), ticketHash, { step: 1, pending_request_id: 'customers-1' });
    const locked = await em().transactional(async (tx) => [
      await lockSession(tx as EntityManager, ticketHash),
      await lockSession(tx as EntityManager, newTicketHash()),
    ]);
    expect(locked).to.deep.equal([{ closed_at: null, step: 1, pending_request_id: 'customers-1' }, undefined]);
  });
});
