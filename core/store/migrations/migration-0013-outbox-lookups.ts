import { Migration } from '@mikro-orm/migrations';

/**
 * Outbox lookups by record (a payment's rows, newest first) and by what a write became in the
 * target (a customer QuickBooks sends back under its new id): both ran as scans.
 */
export class Migration0013OutboxLookups extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index outbox_record_idx on outbox (item, source_id, created_at)');
    this.addSql('create index outbox_target_idx on outbox (connection_id, item, target_id)');
  }

  override async down(): Promise<void> {
    this.addSql('drop index outbox_target_idx');
    this.addSql('drop index outbox_record_idx');
  }
}
