import { arrayLiteral, insertRows } from '../../../core/store/insert-rows';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { hashSecretToken } from '../../../core/runtime/http/secret-tokens';
import { bracedGuid, generatePassword, generateToken, hashPassword } from '../qbwc/credentials';
import { credentialKey } from './credential-key';
import { sendSql } from '../../../core/store/send-sql';
import type { SyncSettings } from '../../../core/config/app-config';

/** The Web Connector tables are reached with plain SQL: small, atomic statements (leases, sign-in counts). */
type Em = EntityManager;

export interface QbdCompanyRow {
  readonly connection_id: string;
  readonly file_id: string;
  readonly product_name: string | null;
  readonly country: string | null;
  readonly qbxml_version: string | null;
  readonly company_name: string | null;
  readonly company_file_name: string | null;
  /** The partner's settings (qbd-settings.ts). */
  readonly company_file_path: string;
  readonly payment_account_id: string | null;
  readonly deposit_account_id: string | null;
}

export interface InstallRow {
  readonly id: string;
  readonly connection_id: string;
  readonly username: string;
  readonly password_hash: string;
  /** SHA-256 (hex) of the QWC link's token; the token itself is shown once and never kept. */
  readonly qwc_token_hash: string;
  readonly refused_count: number;
  readonly last_refused_at: Date | null;
  readonly last_refused_from: string | null;
  readonly last_signed_in_at: Date | null;
  readonly created_at: Date;
  /** When the partner revoked it: its user name no longer signs in and its link is dead. */
  readonly revoked_at: Date | null;
  readonly password_changed_at: Date | null;
}

/** An install as its partner lists it: no secret, and when its Web Connector last began a session. */
export type InstallListRow = Pick<InstallRow, 'id' | 'username' | 'created_at' | 'revoked_at' | 'password_changed_at'> & {
  readonly last_sign_in_at: Date | null;
};

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
}

export interface AccountRow {
  readonly list_id: string;
  readonly name: string;
  readonly full_name: string;
  readonly account_type: string;
  readonly special_account_type: string | null;
  readonly is_active: boolean;
}

export async function createQbdCompany(em: Em, connectionId: string, companyFilePath: string): Promise<string> {
  const fileId = bracedGuid();
  await sendSql(em, 'insert into qbd_company (connection_id, file_id, company_file_path) values (?, ?, ?)', [connectionId, fileId, companyFilePath]);
  return fileId;
}

export async function qbdCompany(em: Em, connectionId: string): Promise<QbdCompanyRow | undefined> {
  return (await sendSql<QbdCompanyRow[]>(em, 'select * from qbd_company where connection_id = ?', [connectionId]))[0];
}

export async function recordQuickBooksFacts(
  em: Em,
  connectionId: string,
  facts: { product?: string; country?: string; version?: string; companyName?: string; companyFileName?: string },
): Promise<void> {
  await sendSql(
    em,
    `update qbd_company set product_name = coalesce(?, product_name), country = coalesce(?, country), qbxml_version = coalesce(?, qbxml_version),
       company_name = coalesce(?, company_name), company_file_name = coalesce(?, company_file_name) where connection_id = ?`,
    [facts.product ?? null, facts.country ?? null, facts.version ?? null, facts.companyName ?? null, facts.companyFileName ?? null, connectionId],
  );
}

export interface NewInstall {
  readonly id: string;
  readonly username: string;
  /** Shown once, in the answer that creates the install; only its keyed hash is kept. */
  readonly password: string;
  /** Shown once, as the QWC link; only its SHA-256 is kept. */
  readonly qwcToken: string;
}

// Link tokens are 192 random bits: hashed like every other random token.
const hashQwcToken = hashSecretToken;

export async function createInstall(em: Em, connectionId: string, now: Date): Promise<NewInstall> {
  const install = { id: randomUUID(), username: `alt-${generateToken(6)}`, password: generatePassword(), qwcToken: generateToken(24) };
  await sendSql(em, 'insert into qbwc_install (id, connection_id, username, password_hash, qwc_token_hash, created_at) values (?, ?, ?, ?, ?, ?)', [
    install.id,
    connectionId,
    install.username,
    await installPasswordHash(em, install.password),
    hashQwcToken(install.qwcToken),
    now,
  ]);
  return install;
}

/** The stored form of a password the partner is given (at creation or renewal), under the service's credential key. */
async function installPasswordHash(em: Em, password: string): Promise<string> {
  return hashPassword(password, await credentialKey(em));
}

/**
 * A new password and a new QWC link for an install that is not revoked (undefined otherwise):
 * the old password and link stop working at once, and so do its sessions, which the old
 * password opened. Call inside a transaction.
 */
export async function renewInstallCredentials(em: Em, installId: string, now: Date): Promise<{ password: string; qwcToken: string } | undefined> {
  const renewed = { password: generatePassword(), qwcToken: generateToken(24) };
  const rows = await sendSql<{ id: string }[]>(
    em,
    `update qbwc_install set password_hash = ?, qwc_token_hash = ?, password_changed_at = ?
     where id = ? and revoked_at is null returning id`,
    [await installPasswordHash(em, renewed.password), hashQwcToken(renewed.qwcToken), now, installId],
  );
  if (rows.length === 0) return undefined;
  await endSessionsOf(em, installId, now, 'This computer was given a new password.');
  return renewed;
}

/**
 * Revokes an install (kept for the record): its user name no longer signs in, its link is dead,
 * and its open sessions end. Revoking it again changes nothing. Call inside a transaction.
 */
export async function revokeInstall(em: Em, installId: string, now: Date): Promise<void> {
  await sendSql(em, 'update qbwc_install set revoked_at = coalesce(revoked_at, ?) where id = ?', [now, installId]);
  await endSessionsOf(em, installId, now, 'This computer was revoked.');
}

export async function installByUsername(em: Em, username: string): Promise<InstallRow | undefined> {
  // A revoked install signs in as an unknown user would (nvu).
  return (await sendSql<InstallRow[]>(em, 'select * from qbwc_install where username = ? and revoked_at is null', [username]))[0];
}

export async function installByQwcToken(em: Em, token: string): Promise<InstallRow | undefined> {
  return (await sendSql<InstallRow[]>(em, 'select * from qbwc_install where qwc_token_hash = ? and revoked_at is null', [hashQwcToken(token)]))[0];
}

const INSTALL_LIST_SQL = `select i.id, i.username, i.created_at, i.revoked_at, i.password_changed_at, i.last_signed_in_at as last_sign_in_at from qbwc_install i`;

export async function installsOf(em: Em, connectionId: string): Promise<InstallListRow[]> {
  return sendSql<InstallListRow[]>(em, `${INSTALL_LIST_SQL} where i.connection_id = ? order by i.created_at, i.id`, [connectionId]);
}

/** One install of a connection, revoked or not; undefined for an unknown id or another connection's. */
export async function installOf(em: Em, connectionId: string, installId: string): Promise<InstallListRow | undefined> {
  return (await sendSql<InstallListRow[]>(em, `${INSTALL_LIST_SQL} where i.connection_id = ? and i.id = ?`, [connectionId, installId]))[0];
}

/**
 * Takes the company's one-session lease, or renews it for the same ticket. Fails while another
 * live session holds it; a lease whose session died expires by itself.
 */
export async function acquireLease(em: Em, connectionId: string, ticketHash: string, now: Date, ttlSeconds: number): Promise<boolean> {
  const rows = await sendSql<{ connection_id: string }[]>(
    em,
    `update qbd_company set lease_ticket_hash = ?, lease_expires_at = ?::timestamptz + make_interval(secs => ?)
     where connection_id = ? and (lease_ticket_hash is null or lease_ticket_hash = ? or lease_expires_at < ?) returning connection_id`,
    [ticketHash, now, ttlSeconds, connectionId, ticketHash, now],
  );
  return rows.length === 1;
}

/**
 * Closes the unfinished sessions of one install (its Web Connector started anew, or the partner
 * renewed or revoked it) and frees the lease one of them holds, so another computer may sync at
 * once. Waits for a call of theirs still in flight, whose transaction holds their row, so an
 * ended session never writes after this.
 */
export async function endSessionsOf(em: Em, installId: string, now: Date, reason: string): Promise<number> {
  const rows = await sendSql<{ n: number }[]>(
    em,
    `with closed as (
       update qbwc_session set closed_at = ?, last_error = coalesce(last_error, ?) where install_id = ? and closed_at is null returning ticket_hash, connection_id
     ), freed as (
       update qbd_company c set lease_ticket_hash = null, lease_expires_at = null from closed where c.connection_id = closed.connection_id and c.lease_ticket_hash = closed.ticket_hash
     )
     select count(*)::int as n from closed`,
    [now, reason, installId],
  );
  return rows[0]?.n ?? 0;
}

/** The session's row, locked for the caller's transaction: a live call and a supersede never interleave. */
export async function lockSession(em: Em, ticketHash: string): Promise<Pick<SessionRow, 'closed_at' | 'step' | 'pending_request_id'> | undefined> {
  return (await sendSql<SessionRow[]>(em, 'select closed_at, step, pending_request_id from qbwc_session where ticket_hash = ? for update', [ticketHash]))[0];
}

export async function releaseLease(em: Em, connectionId: string, ticketHash: string): Promise<void> {
  await sendSql(em, 'update qbd_company set lease_ticket_hash = null, lease_expires_at = null where connection_id = ? and lease_ticket_hash = ?', [
    connectionId,
    ticketHash,
  ]);
}

export async function createSession(
  em: Em,
  session: { ticketHash: string; connectionId: string; installId: string; now: Date; plan: SessionPlan },
): Promise<void> {
  await sendSql(em, 'insert into qbwc_session (ticket_hash, connection_id, install_id, created_at, last_seen_at, plan) values (?, ?, ?, ?, ?, ?)', [
    session.ticketHash,
    session.connectionId,
    session.installId,
    session.now,
    session.now,
    JSON.stringify(session.plan),
  ]);
}

export async function sessionByTicketHash(em: Em, ticketHash: string): Promise<SessionRow | undefined> {
  return (await sendSql<SessionRow[]>(em, 'select * from qbwc_session where ticket_hash = ?', [ticketHash]))[0];
}

export async function updateSession(
  em: Em,
  ticketHash: string,
  changes: Partial<
    Pick<SessionRow, 'step' | 'percent' | 'pending_request_id' | 'pending_batch' | 'last_error' | 'closed_at' | 'last_seen_at' | 'summary' | 'step_state'>
  >,
): Promise<void> {
  const entries = Object.entries(changes);
  if (entries.length === 0) return;
  const set = entries.map(([k]) => `${k} = ?`).join(', ');
  const values = entries.map(([k, v]) => (k === 'summary' || k === 'step_state' || k === 'pending_batch' ? JSON.stringify(v) : v));
  await sendSql(em, `update qbwc_session set ${set} where ticket_hash = ?`, [...values, ticketHash]);
}

const ACCOUNT_COLUMNS = ['connection_id', 'list_id', 'name', 'full_name', 'account_type', 'special_account_type', 'is_active', 'edit_sequence'];
/** Accounts one statement can carry well below PostgreSQL's parameter limit; a larger chart goes the long way. */
const ACCOUNTS_IN_ONE_STATEMENT = 2_000;

/**
 * Replaces the cached chart of accounts with what QuickBooks just answered (ActiveStatus All), in
 * one statement every session: accounts gone are deleted, and only those whose EditSequence moved
 * are written again.
 */
export async function replaceAccounts(em: Em, connectionId: string, accounts: readonly (AccountRow & { edit_sequence: string })[]): Promise<void> {
  const rows = accounts.map((a) => [connectionId, a.list_id, a.name, a.full_name, a.account_type, a.special_account_type, a.is_active, a.edit_sequence]);
  if (rows.length === 0 || rows.length > ACCOUNTS_IN_ONE_STATEMENT) {
    await sendSql(em, 'delete from qbd_account where connection_id = ?', [connectionId]);
    await insertRows(em, 'qbd_account', ACCOUNT_COLUMNS, rows);
    return;
  }
  const tuple = `(${ACCOUNT_COLUMNS.map(() => '?').join(', ')})`;
  const changed = ACCOUNT_COLUMNS.slice(2)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  await sendSql(
    em,
    `with gone as (delete from qbd_account where connection_id = ? and not (list_id = any(?::text[])))
     insert into qbd_account (${ACCOUNT_COLUMNS.join(', ')}) values ${rows.map(() => tuple).join(', ')}
     on conflict (connection_id, list_id) do update set ${changed} where qbd_account.edit_sequence is distinct from excluded.edit_sequence`,
    [connectionId, arrayLiteral(accounts.map((a) => a.list_id)), ...rows.flat()],
  );
}

export async function accountsOf(em: Em, connectionId: string): Promise<AccountRow[]> {
  return sendSql<AccountRow[]>(
    em,
    'select list_id, name, full_name, account_type, special_account_type, is_active from qbd_account where connection_id = ? order by full_name, list_id',
    [connectionId],
  );
}
