import { Migration } from '@mikro-orm/migrations';

/**
 * A call may carry the requests of several steps in one message set (steps/message-batch.ts):
 * which steps, and the ids of their requests, are kept with the session until the answer comes.
 */
export class Migration0019SessionBatches extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table qbwc_session add column pending_batch jsonb not null default '[]'`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table qbwc_session drop column pending_batch');
  }
}
