import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { hashSecretToken } from '../../../core/runtime/http/secret-tokens';
import { addLogContext } from '../../../core/runtime/log-context';
import { TOKENS } from '../../../core/runtime/tokens';
import { acquireLease } from '../store/session-lease';
import { SessionRow, sessionByTicketHash, sessionWithCursors, updateSession } from '../store/session-store';
import { LEASE_IDLE_SECONDS, RENEW_AFTER_SECONDS, TICKET_IDLE_SECONDS } from './session-timing';

/** Tickets are random tokens: only their hash is kept, like every other random token. */
export const hashTicket = hashSecretToken;

/** Names the connection and the ticket (12 hex of its hash, never the ticket) on every log line of this call. */
export function logContextOf(connectionId: string, ticketHash: string): void {
  addLogContext({ connectionId, ticket: ticketHash.slice(0, 12) });
}

/**
 * The session a ticket names, in whatever state, with its connection on the call's log lines;
 * `withCursors`: `em` also holds the connection's bookmarks, read in the same statement.
 */
export async function sessionOfTicket(em: EntityManager, ticket: string, withCursors = false): Promise<SessionRow | undefined> {
  const read = withCursors ? sessionWithCursors : sessionByTicketHash;
  const session = ticket ? await read(em, hashTicket(ticket)) : undefined;
  if (session) logContextOf(session.connection_id, session.ticket_hash);
  return session;
}

/** Finds the live session of a ticket for a call, and keeps its lease and ticket alive. */
@injectable()
export class LiveSessions {
  constructor(@inject(TOKENS.Clock) private readonly clock: () => Date) {}

  /**
   * The live session of a ticket, with its lease renewed; undefined for unknown, closed or
   * expired tickets. `withCursors`: for a call that plans requests on `em` (sessionOfTicket).
   */
  async find(em: EntityManager, ticket: string, withCursors = false): Promise<SessionRow | undefined> {
    const now = this.clock();
    const session = await sessionOfTicket(em, ticket, withCursors);
    if (!session || session.closed_at) return undefined;
    const idleMs = now.getTime() - new Date(session.last_seen_at).getTime();
    if (idleMs > TICKET_IDLE_SECONDS * 1000) return undefined;
    // Renewing the lease and the ticket on every call of a busy session would cost two writes a
    // call for nothing (they last minutes), so a renewal from the last minute stands.
    if (idleMs < RENEW_AFTER_SECONDS * 1000) return session;
    // Renewal fails only when another install took the lease after it lapsed: this session is over.
    if (!(await acquireLease(em, session.connection_id, session.ticket_hash, now, LEASE_IDLE_SECONDS))) return undefined;
    await updateSession(em, session.ticket_hash, { last_seen_at: now });
    return session;
  }
}
