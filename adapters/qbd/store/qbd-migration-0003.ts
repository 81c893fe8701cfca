import { Migration } from '@mikro-orm/migrations';

/** The Web Connector's side of a connection: installs, sessions, the lease, QuickBooks' facts and accounts. */
export class Migration0003QbwcTransport extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table qbd_company (
      connection_id uuid primary key references connection (id) on delete cascade,
      file_id text not null unique,
      product_name text,
      country text,
      qbxml_version text,
      company_name text,
      company_file_name text,
      lease_ticket_hash text,
      lease_expires_at timestamptz
    )`);
    this.addSql(`create table qbwc_install (
      id uuid primary key,
      connection_id uuid not null references connection (id) on delete cascade,
      username text not null unique,
      password_hash text not null,
      qwc_token text not null unique,
      failed_count integer not null default 0,
      failed_since timestamptz,
      locked_until timestamptz,
      created_at timestamptz not null default now()
    )`);
    this.addSql(`create table qbwc_session (
      ticket_hash text primary key,
      connection_id uuid not null references connection (id) on delete cascade,
      install_id uuid not null references qbwc_install (id) on delete cascade,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      closed_at timestamptz,
      plan jsonb not null,
      step integer not null default 0,
      percent integer not null default 0,
      pending_request_id text,
      last_error text,
      summary jsonb not null default '{}'
    )`);
    this.addSql('create index qbwc_session_connection_idx on qbwc_session (connection_id)');
    this.addSql(`create table qbd_account (
      connection_id uuid not null references connection (id) on delete cascade,
      list_id text not null,
      name text not null,
      full_name text not null,
      account_type text not null,
      special_account_type text,
      is_active boolean not null,
      edit_sequence text not null,
      primary key (connection_id, list_id)
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table qbd_account');
    this.addSql('drop table qbwc_session');
    this.addSql('drop table qbwc_install');
    this.addSql('drop table qbd_company');
  }
}
