import type { EntityManager } from '@mikro-orm/postgresql';
import type { SyncSettings } from '../../../core/config/app-config';
import type { QuickBooksFacts } from './qbd-company-store';
import { sendSql } from '../../../core/store/send-sql';
import { cursorsOfConnection, primeCursors } from '../../../core/store/sync-cursors';
import { primeWritesDue, writesDueOf } from '../../../core/store/outbox';
import { QBD_SYSTEM } from '../qbd-system';
import type { SqlStatement } from '../../../core/store/send-together';
import { audienceOfConnection, primeAudience } from '../../../core/webhooks/webhook-events';
import { invoicesToRefreshOf, primeInvoicesToRefresh } from './invoices-to-refresh';

type Em = EntityManager;

export interface SessionRow {
  readonly ticket_hash: string;
  readonly connection_id: string;
  readonly install_id: string;
  readonly created_at: Date;
  readonly last_seen_at: Date;
  readonly closed_at: Date | null;
  readonly plan: SessionPlan;
  readonly step: number;
  readonly percent: number;
  readonly pending_request_id: string | null;
  readonly last_error: string | null;
  readonly summary: Record<string, number>;
  /** The current step's own progress (an iterator id, the highest TimeModified seen). */
  readonly step_state: Record<string, string>;
  /** The steps whose requests went in the message set awaiting its answer, from `step` on. */
  readonly pending_batch: readonly BatchMember[];
}

/** One step's part of a message set: its index in the plan, and its requests' ids (none: it had nothing to ask). */
export interface BatchMember {
  readonly step: number;
  /** The id the step was given; its requests' ids are this or this plus a suffix. */
  readonly requestId: string;
  readonly requestIds: readonly string[];
}

/** The durable plan of one session: which steps, and whether the HCP answer was read. */
export interface SessionPlan {
  readonly steps: readonly string[];
  readonly fullSync: boolean;
  /** Facts fixed for the session, kept here so that no call has to read them again. */
  readonly partnerId?: string;
  /** The connection's resolved sync settings (resolveSyncSettings), as the session started with them. */
  readonly sync?: SyncSettings;
  /** The qbXML version agreed in an earlier session; the first session learns it from the HCP answers. */
  readonly qbxmlVersion?: string;
  /** What the connection knew of its QuickBooks company when the session started (readHostCompanyPreferences). */
  readonly company?: QuickBooksFacts;
}

/**
 * Closes the unfinished sessions of one install (its Web Connector started anew, or the partner
 * renewed or revoked it) and frees the lease one of them holds, so another computer may sync at
 * once. Waits for a call of theirs still in flight, whose transaction holds their row, so an
 * ended session never writes after this.
 */
export async function endSessionsOf(em: Em, installId: string, now: Date, reason: string): Promise<number> {
  const ending = endSessionsOfInstall(installId, now, reason);
  const rows = await sendSql<{ n: number }[]>(
    em,
    `with closed as (${ending.sql}), freed as (
       update qbd_company c set lease_ticket_hash = null, lease_expires_at = null from closed where c.connection_id = closed.connection_id and c.lease_ticket_hash = closed.ticket_hash
     )
     select count(*)::int as n from closed`,
    ending.params,
  );
  return rows[0]?.n ?? 0;
}

/** The update that closes an install's unfinished sessions, returning their ticket hashes and connections (endSessionsOf, takeCompanyForSignIn). */
export function endSessionsOfInstall(installId: string, now: Date, reason: string): SqlStatement {
  return {
    sql: 'update qbwc_session set closed_at = ?, last_error = coalesce(last_error, ?) where install_id = ? and closed_at is null returning ticket_hash, connection_id',
    params: [now, reason, installId],
  };
}

/**
 * The session's row, locked for the caller's transaction: a live call and a supersede never
 * interleave. The same statement reads what the answer's steps ask next, which the transaction
 * then holds: the connection's bookmarks (primeCursors), who listens to its events
 * (primeAudience) and the invoices marked to be read again (primeInvoicesToRefresh). They are
 * read on the statement's snapshot, taken before the lock was granted; a call that waited for
 * the lock found the session changed by the call it waited for (every stored answer moves
 * pending_request_id on), and its caller stops there, what it read unused.
 */
export async function lockSession(em: Em, ticketHash: string): Promise<Pick<SessionRow, 'closed_at' | 'step' | 'pending_request_id'> | undefined> {
  const [row] = await sendSql<(SessionRow & { cursors: Record<string, string>; audience: (string[] | null)[]; to_refresh: string[] })[]>(
    em,
    `select s.connection_id, s.closed_at, s.step, s.pending_request_id, ${cursorsOfConnection('s.connection_id')} as cursors,
            ${audienceOfConnection('s.connection_id')} as audience, ${invoicesToRefreshOf('s.connection_id')} as to_refresh
       from qbwc_session s where s.ticket_hash = ? for update of s`,
    [ticketHash],
  );
  if (!row) return undefined;
  primeCursors(em, row.connection_id, row.cursors);
  primeAudience(em, row.connection_id, row.audience);
  primeInvoicesToRefresh(em, row.connection_id, row.to_refresh);
  return { closed_at: row.closed_at, step: row.step, pending_request_id: row.pending_request_id };
}

export async function createSession(em: Em, session: Parameters<typeof sessionInsert>[0]): Promise<void> {
  const statement = sessionInsert(session);
  await sendSql(em, statement.sql, statement.params);
}

/** The insert createSession sends, for an opener that sends it with the connection's update (sendTogether). */
export function sessionInsert(session: { ticketHash: string; connectionId: string; installId: string; now: Date; plan: SessionPlan }): SqlStatement {
  return {
    sql: 'insert into qbwc_session (ticket_hash, connection_id, install_id, created_at, last_seen_at, plan) values (?, ?, ?, ?, ?, ?)',
    params: [session.ticketHash, session.connectionId, session.installId, session.now, session.now, JSON.stringify(session.plan)],
  };
}

export async function sessionByTicketHash(em: Em, ticketHash: string): Promise<SessionRow | undefined> {
  return (await sendSql<SessionRow[]>(em, 'select * from qbwc_session where ticket_hash = ?', [ticketHash]))[0];
}

/**
 * The session with its connection's bookmarks, read in the same statement, which `em` then holds
 * (primeCursors): the call that plans the next requests reads them anyway, and this saves it a
 * round trip; likewise whether a write waits for QuickBooks (primeWritesDue: most calls have
 * none, and the first step would look). A transaction that locks the session reads them with
 * the lock (lockSession).
 */
export async function sessionWithCursors(em: Em, ticketHash: string): Promise<SessionRow | undefined> {
  const [row] = await sendSql<(SessionRow & { cursors: Record<string, string>; writes_due: boolean })[]>(
    em,
    `select s.*, ${cursorsOfConnection('s.connection_id')} as cursors, ${writesDueOf('s.connection_id')} as writes_due from qbwc_session s where s.ticket_hash = ?`,
    [QBD_SYSTEM, ticketHash],
  );
  if (!row) return undefined;
  const { cursors, writes_due, ...session } = row;
  primeCursors(em, session.connection_id, cursors);
  primeWritesDue(em, session.connection_id, QBD_SYSTEM, writes_due);
  return session;
}

/**
 * Closes a session, if it is open, and frees the company's lease it holds, in one statement (one
 * round trip at every session's end); returns the row as it was before, undefined for an
 * unknown ticket.
 */
export async function closeSession(em: Em, ticketHash: string, now: Date): Promise<SessionRow | undefined> {
  const rows = await sendSql<SessionRow[]>(
    em,
    `with was as (select * from qbwc_session where ticket_hash = ?),
     closed as (update qbwc_session set closed_at = ? where ticket_hash = ? and closed_at is null returning connection_id),
     freed as (update qbd_company set lease_ticket_hash = null, lease_expires_at = null
                where connection_id in (select connection_id from closed) and lease_ticket_hash = ?)
     select * from was`,
    [ticketHash, now, ticketHash, ticketHash],
  );
  return rows[0];
}

export async function updateSession(em: Em, ticketHash: string, changes: SessionChanges): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  const statement = sessionUpdate(ticketHash, changes);
  await sendSql(em, statement.sql, statement.params);
}

/** The statement updateSession sends, for a caller that sends it with others (at least one change). */
export function sessionUpdate(ticketHash: string, changes: SessionChanges): SqlStatement {
  const entries = Object.entries(changes);
  const set = entries.map(([k]) => `${k} = ?`).join(', ');
  const values = entries.map(([k, v]) => (k === 'summary' || k === 'step_state' || k === 'pending_batch' ? JSON.stringify(v) : v));
  return { sql: `update qbwc_session set ${set} where ticket_hash = ?`, params: [...values, ticketHash] };
}

type SessionChanges = Partial<
  Pick<SessionRow, 'step' | 'percent' | 'pending_request_id' | 'pending_batch' | 'last_error' | 'closed_at' | 'last_seen_at' | 'summary' | 'step_state'>
>;
