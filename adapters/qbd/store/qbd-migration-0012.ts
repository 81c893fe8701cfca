import { Migration } from '@mikro-orm/migrations';

/**
 * Which QuickBooks records the sync has seen, by id. QuickBooks forgets deletions after about
 * 90 days; a periodic id-only scan marks the ids it still finds, and what stays unmarked has
 * vanished while no one was syncing.
 */
export class Migration0012QbdPresence extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table qbd_presence (
      connection_id uuid not null references connection (id) on delete cascade,
      item text not null,
      source_id text not null,
      first_seen_at timestamptz not null,
      scan_mark timestamptz,
      primary key (connection_id, item, source_id)
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table qbd_presence');
  }
}
