import { Migration } from '@mikro-orm/migrations';

/**
 * 0017 and 0018 each made the same partial index on a session's install (`where closed_at is
 * null`): PostgreSQL kept both, so every session opened and closed updated two identical indexes
 * and the planner had two to weigh. The one 0018 made stays; its comment says what it is for.
 */
export class Migration0033QbdOneOpenSessionIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index if exists qbwc_session_install_idx');
  }

  override async down(): Promise<void> {
    this.addSql('create index qbwc_session_install_idx on qbwc_session (install_id) where closed_at is null');
  }
}
