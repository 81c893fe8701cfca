import { Migration } from '@mikro-orm/migrations';

/**
 * Credentials the partner controls. QWC download links are kept as the SHA-256 of their token,
 * as API keys and tickets are: a copy of the database (a backup, a support dump) then holds no
 * working link. Existing tokens are hashed in place, so links already sent keep working; the
 * check refuses a plain token (48 hex digits) should any code ever write one again. An install
 * can be revoked (kept, for the record, but dead) and given a new password.
 */
export class Migration0017InstallCredentials extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table qbwc_install rename column qwc_token to qwc_token_hash');
    this.addSql(`update qbwc_install set qwc_token_hash = encode(sha256(convert_to(qwc_token_hash, 'UTF8')), 'hex')`);
    this.addSql(`alter table qbwc_install add constraint qbwc_install_qwc_token_hash_check check (qwc_token_hash ~ '^[0-9a-f]{64}$')`);
    this.addSql('alter table qbwc_install add column revoked_at timestamptz, add column password_changed_at timestamptz');
    this.addSql('create index qbwc_session_install_idx on qbwc_session (install_id) where closed_at is null');
  }

  // A hash cannot be turned back into its token: after going down, the links already sent stay
  // dead, and a computer needs a new install (or the release that hashes) for a new QWC file.
  override async down(): Promise<void> {
    this.addSql('drop index qbwc_session_install_idx');
    this.addSql('alter table qbwc_install drop column revoked_at, drop column password_changed_at');
    this.addSql('alter table qbwc_install drop constraint qbwc_install_qwc_token_hash_check');
    this.addSql('alter table qbwc_install rename column qwc_token_hash to qwc_token');
  }
}
