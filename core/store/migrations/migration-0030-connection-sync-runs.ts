import { Migration } from '@mikro-orm/migrations';

/**
 * `connection_sync_run`: the lease around a server-driven sync's run (core/jobs, ADR 0012), one
 * row per connection: who runs it (`holder`, the engine `job_id`) until `expires_at`, renewed while
 * it runs; `failed_at` keeps a non-transient failure from being retried before the next interval.
 */
export class Migration0030ConnectionSyncRuns extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table connection_sync_run (
      connection_id uuid primary key references connection (id) on delete cascade,
      holder text, job_id text, expires_at timestamptz, failed_at timestamptz)`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table connection_sync_run');
  }
}
