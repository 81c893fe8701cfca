import { expect } from 'chai';
import { hashTicket } from '../../../../../adapters/qbd/qbwc/live-session';
import { SessionStart } from '../../../../../adapters/qbd/qbwc/session-start';
import { BUSY_POSTPONE_SECONDS, LEASE_IDLE_SECONDS } from '../../../../../adapters/qbd/qbwc/session-timing';
import { sessionByTicketHash } from '../../../../../adapters/qbd/store/session-store';
import { TestClock } from '../../../../support/connected-company';
import { countStatements } from '../../../store/count-statements';
import { useTestService } from '../../../../support/use-test-service';
import { connectionWithTwoInstalls } from '../qbd-connection';

describe('SessionStart (sign-in and the start of a session), from the container, on a real database', function () {
  this.timeout(30_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({ LOG_LEVEL: 'warn' }, clock.read);
  const em = () => service.current.service.database.orm.em.fork();
  const start = (install: { username: string; password: string }, password = install.password) =>
    service.current.service.container.get(SessionStart).authenticate(em(), install.username, password, '10.9.0.1');
  const sessionOf = (ticket: string) => sessionByTicketHash(em(), hashTicket(ticket));

  it('starts a session for the right password: a ticket that names it, the open company, and the minimum interval', async () => {
    const { connectionId, first } = await connectionWithTwoInstalls(service.current.url);
    const answer = await start(first);
    expect(answer.slice(1)).to.deep.equal(['', '', '300']);
    const session = await sessionOf(answer[0]);
    expect(session).to.deep.include({ connection_id: connectionId, install_id: first.id, closed_at: null, step: 0, percent: 0 });
    expect(session?.plan.steps).to.include('accounts');
    expect(new Date(session!.created_at).getTime()).to.equal(clock.now);
  });

  it('answers nvu to a wrong password, with no ticket and no session', async () => {
    const { first, second } = await connectionWithTwoInstalls(service.current.url);
    expect(await start(first, 'not-the-password')).to.deep.equal(['', 'nvu']);
    // Nothing was started: the other computer finds the company free.
    expect((await start(second))[1]).to.equal('');
  });

  it('tells another install busy while the holder is alive, with a ticket that names no session, and lets it in once the lease lapses', async () => {
    const { first, second } = await connectionWithTwoInstalls(service.current.url);
    const holder = await start(first);
    const busy = await start(second);
    expect(busy.slice(1)).to.deep.equal(['busy', String(BUSY_POSTPONE_SECONDS), '300']);
    expect(await sessionOf(busy[0])).to.equal(undefined);
    clock.now += (LEASE_IDLE_SECONDS - 1) * 1000;
    expect((await start(second))[1]).to.equal('busy');
    clock.now += 2 * 1000;
    const later = await start(second);
    expect(later[1]).to.equal('');
    expect((await sessionOf(later[0]))?.install_id).to.equal(second.id);
    // The holder's session lost the company but was never ended for it: its own computer ends it by signing in again.
    expect((await sessionOf(holder[0]))?.closed_at).to.equal(null);
  });

  it("ends the same install's unfinished session when it signs in again, so it never waits for its own dead session", async () => {
    const { first, second } = await connectionWithTwoInstalls(service.current.url);
    const dead = await start(first);
    const next = await start(first);
    expect(next[1]).to.equal('');
    expect(next[0]).not.to.equal(dead[0]);
    const ended = await sessionOf(dead[0]);
    expect(ended?.last_error).to.equal('A new session from the same computer replaced this one.');
    expect(new Date(ended!.closed_at!).getTime()).to.equal(clock.now);
    expect((await sessionOf(next[0]))?.closed_at).to.equal(null);
    // The new session holds the company: the other computer still waits.
    expect((await start(second))[1]).to.equal('busy');
  });

  it('shows the partner the connection as connected and starting afresh', async () => {
    const { api, connectionId, first } = await connectionWithTwoInstalls(service.current.url);
    expect((await api.call('GET', `/api/connections/${connectionId}`)).body.status).to.equal('pending');
    await start(first);
    const shown = (await api.call('GET', `/api/connections/${connectionId}`)).body;
    expect(shown).to.deep.include({ status: 'connected', lastError: null });
    expect(shown.progress).to.deep.include({ percent: 0, phase: 'starting' });
    expect(Date.parse(shown.lastAuthenticatedAt)).to.equal(clock.now);
  });

  it('records every good sign-in on its install, when the company was free and when it was busy', async () => {
    const { api, connectionId, first, second } = await connectionWithTwoInstalls(service.current.url);
    await start(first);
    clock.now += 1000;
    expect((await start(second))[1]).to.equal('busy');
    const installs = (await api.call('GET', `/api/connections/${connectionId}/installs`)).body as { id: string; lastSignInAt: string }[];
    expect(Date.parse(installs.find((i) => i.id === first.id)!.lastSignInAt)).to.equal(clock.now - 1000);
    expect(Date.parse(installs.find((i) => i.id === second.id)!.lastSignInAt)).to.equal(clock.now);
  });

  it('signs a known computer in again in five statements: its install, then one transaction of the company taken and the session started', async () => {
    const { first } = await connectionWithTwoInstalls(service.current.url);
    await start(first);
    clock.now += 1000;
    const statements = countStatements(em());
    const again = await start(first);
    statements.stop();
    expect(again[1]).to.equal('');
    const words = statements.sent.map((sql) => sql.trim().replace(/;$/, '').split(/\s+/).slice(0, 2).join(' ').toLowerCase());
    expect(words, statements.sent.join('\n')).to.have.length(5);
    expect(words[0]).to.equal('select i.*,');
    expect(words.slice(1, 2).concat(words.slice(4))).to.deep.equal(['begin', 'commit']);
  });
});
