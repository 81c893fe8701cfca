import { Migration } from '@mikro-orm/migrations';

/** What a partner sees and sets on a connection: its settings, progress and last error. */
export class Migration0002ConnectionSettings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table connection
      add column sync_interval_minutes integer not null default 5 check (sync_interval_minutes between 1 and 1440),
      add column last_authenticated_at timestamptz,
      add column last_sync_at timestamptz,
      add column progress_percent integer not null default 0 check (progress_percent between 0 and 100),
      add column progress_phase text not null default 'waiting',
      add column last_error_code text,
      add column last_error_message text,
      add column full_sync_requested_at timestamptz`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table connection drop column sync_interval_minutes, drop column last_authenticated_at, drop column last_sync_at,
      drop column progress_percent, drop column progress_phase, drop column last_error_code,
      drop column last_error_message, drop column full_sync_requested_at`);
  }
}
