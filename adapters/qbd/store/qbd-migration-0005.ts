import { Migration } from '@mikro-orm/migrations';

/** Where a session's current step keeps its progress between calls (iterator, highest TimeModified seen). */
export class Migration0005SessionStepState extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table qbwc_session add column step_state jsonb not null default '{}'`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table qbwc_session drop column step_state');
  }
}
