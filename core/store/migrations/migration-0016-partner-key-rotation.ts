import { Migration } from '@mikro-orm/migrations';

/**
 * A partner's API key can be rotated: the key it replaces keeps working until
 * previous_key_expires_at (a grace period, ADR 0005), and only one previous key is kept.
 */
export class Migration0016PartnerKeyRotation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table partner
      add column previous_api_key_hash text unique,
      add column previous_key_expires_at timestamptz,
      add constraint partner_previous_key_check check ((previous_api_key_hash is null) = (previous_key_expires_at is null))`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table partner drop constraint partner_previous_key_check, drop column previous_key_expires_at, drop column previous_api_key_hash');
  }
}
