import { Migration } from '@mikro-orm/migrations';

/**
 * QWC download links are kept as the SHA-256 of their token, as API keys and tickets are: a
 * copy of the database (a backup, a support dump) then holds no working link. Existing tokens
 * are hashed in place, so links already sent keep working. The check refuses a plain token
 * (48 hex digits) should any code ever write one again.
 */
export class Migration0017InstallCredentials extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table qbwc_install rename column qwc_token to qwc_token_hash');
    this.addSql(`update qbwc_install set qwc_token_hash = encode(sha256(convert_to(qwc_token_hash, 'UTF8')), 'hex')`);
    this.addSql(`alter table qbwc_install add constraint qbwc_install_qwc_token_hash_check check (qwc_token_hash ~ '^[0-9a-f]{64}$')`);
  }

  // A hash cannot be turned back into its token: after going down, every install needs a new
  // link (POST .../password) before its QWC file can be downloaded again.
  override async down(): Promise<void> {
    this.addSql('alter table qbwc_install drop constraint qbwc_install_qwc_token_hash_check');
    this.addSql('alter table qbwc_install rename column qwc_token_hash to qwc_token');
  }
}
