import { Migration } from '@mikro-orm/migrations';

/**
 * QuickBooks Online's side of a connection: the company (realm), its OAuth tokens encrypted
 * (AES-256-GCM, token-cipher.ts) with the fingerprint of the key that sealed them, where money
 * goes, the chart of accounts for the dropdowns, and the single-use states of connects under way.
 */
export class Migration0029QboConnection extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table qbo_connection (
      connection_id uuid primary key references connection (id) on delete cascade,
      realm_id text not null,
      access_token_enc text not null,
      refresh_token_enc text not null,
      access_expires_at timestamptz not null,
      refresh_expires_at timestamptz,
      key_id text not null,
      payment_account_id text,
      deposit_account_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`);
    this.addSql('create index qbo_connection_realm_idx on qbo_connection (realm_id)');
    this.addSql(`create table qbo_account (
      connection_id uuid not null references connection (id) on delete cascade,
      id text not null,
      name text not null,
      full_name text not null,
      account_type text not null,
      account_sub_type text,
      is_active boolean not null,
      primary key (connection_id, id)
    )`);
    this.addSql(`create table qbo_oauth_state (
      state_hash text primary key,
      partner_id uuid not null references partner (id) on delete cascade,
      expires_at timestamptz not null
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table qbo_oauth_state');
    this.addSql('drop table qbo_account');
    this.addSql('drop table qbo_connection');
  }
}
