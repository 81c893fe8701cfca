import type { EntityManager } from '@mikro-orm/postgresql';
import { arrayLiteral } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';
import { keyFingerprint, openToken, sealToken } from './token-cipher';

/** One token response, as kept: always the refresh token of the latest response (qbo-api.md §2.3). */
export interface QboTokenSet {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly accessExpiresAt: Date;
  /** Rolling ~101 days; null when Intuit did not say. */
  readonly refreshExpiresAt: Date | null;
}

export interface StoredQboTokens extends QboTokenSet {
  readonly realmId: string;
}

interface TokenRow {
  readonly realm_id: string;
  readonly access_token_enc: string;
  readonly refresh_token_enc: string;
  readonly access_expires_at: Date;
  readonly refresh_expires_at: Date | null;
}

/** The QuickBooks Online row of a new connection (the connection row itself is the caller's). */
export async function insertQboConnection(
  em: EntityManager,
  key: Buffer,
  connectionId: string,
  realmId: string,
  tokens: QboTokenSet,
  now: Date,
): Promise<void> {
  await sendSql(
    em,
    `insert into qbo_connection (connection_id, realm_id, access_token_enc, refresh_token_enc, access_expires_at, refresh_expires_at, key_id, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [connectionId, realmId, ...sealed(key, connectionId, tokens), keyFingerprint(key), now, now],
  );
}

function sealed(key: Buffer, connectionId: string, tokens: QboTokenSet): unknown[] {
  return [sealToken(key, connectionId, tokens.accessToken), sealToken(key, connectionId, tokens.refreshToken), tokens.accessExpiresAt, tokens.refreshExpiresAt];
}

/** Replaces a connection's tokens with a newer response's (a refresh, a reconnect). */
export async function saveTokens(em: EntityManager, key: Buffer, connectionId: string, tokens: QboTokenSet, now: Date): Promise<void> {
  await sendSql(
    em,
    `update qbo_connection set access_token_enc = ?, refresh_token_enc = ?, access_expires_at = ?, refresh_expires_at = ?, key_id = ?, updated_at = ?
     where connection_id = ?`,
    [...sealed(key, connectionId, tokens), keyFingerprint(key), now, connectionId],
  );
}

/**
 * A connection's tokens, decrypted; undefined when it has none. `forUpdate` locks the row until
 * the caller's transaction ends, so that only one instance refreshes with one refresh token.
 */
export async function readTokens(
  em: EntityManager,
  key: Buffer,
  connectionId: string,
  options: { forUpdate?: boolean } = {},
): Promise<StoredQboTokens | undefined> {
  const [row] = await sendSql<TokenRow[]>(
    em,
    `select realm_id, access_token_enc, refresh_token_enc, access_expires_at, refresh_expires_at from qbo_connection where connection_id = ?${options.forUpdate ? ' for update' : ''}`,
    [connectionId],
  );
  if (!row) return undefined;
  return {
    realmId: row.realm_id,
    accessToken: openToken(key, connectionId, row.access_token_enc),
    refreshToken: openToken(key, connectionId, row.refresh_token_enc),
    accessExpiresAt: new Date(row.access_expires_at),
    refreshExpiresAt: row.refresh_expires_at ? new Date(row.refresh_expires_at) : null,
  };
}

/** The connections to one QuickBooks Online company (a webhook names only the realm); usually one. */
export async function connectionsOfRealm(em: EntityManager, realmId: string): Promise<string[]> {
  const rows = await sendSql<{ connection_id: string }[]>(
    em,
    'select connection_id from qbo_connection where realm_id = ? order by created_at, connection_id',
    [realmId],
  );
  return rows.map((r) => r.connection_id);
}

/** How many connections' tokens each key sealed, by the key's fingerprint: a start-up check. */
export async function tokenKeysInUse(em: EntityManager): Promise<Map<string, number>> {
  const rows = await sendSql<{ key_id: string; n: string }[]>(em, 'select key_id, count(*) as n from qbo_connection group by key_id');
  return new Map(rows.map((r) => [r.key_id, Number(r.n)]));
}

/** Where a QuickBooks Online connection's money goes (QuickBooks account Ids). */
export interface QboSettings {
  readonly realmId: string | null;
  readonly paymentAccountId: string | null;
  readonly depositAccountId: string | null;
}

export const NO_QBO_SETTINGS: QboSettings = Object.freeze({ realmId: null, paymentAccountId: null, depositAccountId: null });

export async function qboSettingsOf(em: EntityManager, connectionIds: readonly string[]): Promise<Map<string, QboSettings>> {
  if (connectionIds.length === 0) return new Map();
  const rows = await sendSql<{ connection_id: string; realm_id: string; payment_account_id: string | null; deposit_account_id: string | null }[]>(
    em,
    'select connection_id, realm_id, payment_account_id, deposit_account_id from qbo_connection where connection_id = any(?::uuid[])',
    [arrayLiteral(connectionIds)],
  );
  return new Map(rows.map((r) => [r.connection_id, { realmId: r.realm_id, paymentAccountId: r.payment_account_id, depositAccountId: r.deposit_account_id }]));
}

export async function qboSettings(em: EntityManager, connectionId: string): Promise<QboSettings> {
  return (await qboSettingsOf(em, [connectionId])).get(connectionId) ?? NO_QBO_SETTINGS;
}

/** Changes the accounts money goes to; what is not given stays as it is. */
export async function updateQboAccounts(
  em: EntityManager,
  connectionId: string,
  accounts: { paymentAccountId?: string; depositAccountId?: string },
  now: Date,
): Promise<void> {
  if (accounts.paymentAccountId === undefined && accounts.depositAccountId === undefined) return;
  await sendSql(
    em,
    'update qbo_connection set payment_account_id = coalesce(?, payment_account_id), deposit_account_id = coalesce(?, deposit_account_id), updated_at = ? where connection_id = ?',
    [accounts.paymentAccountId ?? null, accounts.depositAccountId ?? null, now, connectionId],
  );
}
