import { Migration } from '@mikro-orm/migrations';

/**
 * When a connection's records were first noted, per item, from the index alone: planning a
 * session reads it until the first scan for vanished records (a week), and without the index
 * that read went through every id the connection has (about 7 ms a poll at 100,000 invoices,
 * benchmark 2), so a poll grew with the ledger.
 */
export class Migration0032QbdPresenceFirstSeen extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index qbd_presence_first_seen_idx on qbd_presence (connection_id, item, first_seen_at)');
  }

  override async down(): Promise<void> {
    this.addSql('drop index qbd_presence_first_seen_idx');
  }
}
