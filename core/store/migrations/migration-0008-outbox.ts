import { Migration } from '@mikro-orm/migrations';

/**
 * Writes waiting for a system that cannot be called (QuickBooks answers only when its Web
 * Connector calls). The row's id is the operation id carried into the target, so a write
 * whose answer was lost can be found there before it is ever sent again.
 */
export class Migration0008Outbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table outbox (
      id uuid primary key,
      connection_id uuid not null references connection (id) on delete cascade,
      target text not null,
      item text not null,
      operation text not null,
      source_id text not null,
      payload jsonb not null,
      state text not null check (state in ('pending', 'sent', 'done', 'cancelled', 'needs-action')),
      attempts integer not null default 0,
      request_id text,
      request_kind text,
      target_id text,
      message text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`);
    this.addSql('create index outbox_due_idx on outbox (connection_id, target, state, created_at)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table outbox');
  }
}
