import { Migration } from '@mikro-orm/migrations';

/** Bookmarks per connection and stream, and the sync log partners read. */
export class Migration0004CursorsAndEvents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table sync_cursor (
      connection_id uuid not null references connection (id) on delete cascade,
      stream text not null,
      value text not null,
      updated_at timestamptz not null,
      primary key (connection_id, stream)
    )`);
    this.addSql(`create table sync_event (
      id bigserial primary key,
      connection_id uuid not null references connection (id) on delete cascade,
      at timestamptz not null,
      item text not null,
      operation text not null,
      source text not null,
      target text not null,
      source_id text not null,
      outcome text not null,
      message text
    )`);
    this.addSql('create index sync_event_connection_idx on sync_event (connection_id, id)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table sync_event');
    this.addSql('drop table sync_cursor');
  }
}
