import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { hashSecretToken } from '../../../core/runtime/http/secret-tokens';
import { sendSql } from '../../../core/store/send-sql';
import type { ConnectionStatus } from '../../../core/store/entities/connection';
import { generatePassword, generateToken, hashPassword } from '../qbwc/credentials';
import { credentialKey } from './credential-key';
import { endSessionsOf } from './session-store';

type Em = EntityManager;

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

/** What starting a session needs of an install's connection, read with the install. */
export interface SigningInConnection {
  readonly id: string;
  readonly partnerId: string;
  readonly status: ConnectionStatus;
  readonly syncIntervalMinutes: number;
  readonly fullSyncRequested: boolean;
  readonly quiet: boolean;
}

/**
 * The install a user name signs in as, and its connection, in one statement: every Web
 * Connector run starts here, and a second read (of the connection, through the ORM) cost the
 * sign-in a round trip and about 4% of the service's CPU when 200 sign in at once.
 */
export async function installForSignIn(em: Em, username: string): Promise<{ install: InstallRow; connection: SigningInConnection } | undefined> {
  const [row] = await sendSql<(InstallRow & { connection: SigningInConnection })[]>(
    em,
    // A revoked install signs in as an unknown user would (nvu).
    `select i.*, json_build_object('id', c.id, 'partnerId', c.partner_id, 'status', c.status, 'syncIntervalMinutes', c.sync_interval_minutes,
       'fullSyncRequested', c.full_sync_requested_at is not null, 'quiet', c.quiet_since is not null) as connection
     from qbwc_install i join connection c on c.id = i.connection_id where i.username = ? and i.revoked_at is null`,
    [username],
  );
  if (!row) return undefined;
  const { connection, ...install } = row;
  return { install, connection };
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
