import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in that cannot be turned against the partner (docs/adr/0004): no more lock-out of a
 * user (a stranger could renew it forever), a failure count per source address instead, what
 * the partner sees of refused sign-ins, and the key of the fast keyed hash that replaces scrypt
 * for the generated passwords (old hashes are replaced at their next good sign-in).
 */
export class Migration0018QbwcSignIn extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table qbwc_install
      drop column failed_count, drop column failed_since, drop column locked_until,
      add column refused_count integer not null default 0,
      add column last_refused_at timestamptz,
      add column last_refused_from text,
      add column last_signed_in_at timestamptz`);
    this.addSql(`create table qbwc_signin_throttle (
      source text primary key,
      window_started_at timestamptz not null,
      failures integer not null
    )`);
    // A new sign-in supersedes its install's open sessions: find them without reading the history.
    this.addSql('create index qbwc_session_open_by_install on qbwc_session (install_id) where closed_at is null');
    this.addSql('create table qbwc_credential_key (id smallint primary key check (id = 1), key text not null)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table qbwc_credential_key');
    this.addSql('drop index qbwc_session_open_by_install');
    this.addSql('drop table qbwc_signin_throttle');
    this.addSql(`alter table qbwc_install
      drop column refused_count, drop column last_refused_at, drop column last_refused_from, drop column last_signed_in_at,
      add column failed_count integer not null default 0, add column failed_since timestamptz, add column locked_until timestamptz`);
  }
}
