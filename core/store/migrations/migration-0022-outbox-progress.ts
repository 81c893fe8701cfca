import { Migration } from '@mikro-orm/migrations';

/**
 * A write that takes several requests of the target system (read a record, post another, then
 * change the first with what was read) keeps what it learnt between them in `progress`: the
 * adapter's own notes, so a lost answer or a new session resumes where the write stood. `source`
 * is the system whose change asked for the write, so the sync log can say where a finished write
 * came from (rows written before this migration have none). `seq` orders rows written at the same
 * instant (one transaction, or a clock that did not move) as they were written.
 */
export class Migration0022OutboxProgress extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table outbox add column progress jsonb, add column source text, add column seq bigserial');
    // Every answer finds its row by the request it carries (rowForRequest); writes of several requests answer often.
    this.addSql('create index outbox_request_idx on outbox (connection_id, request_id) where request_id is not null');
  }

  override async down(): Promise<void> {
    this.addSql('drop index outbox_request_idx');
    this.addSql('alter table outbox drop column progress, drop column source, drop column seq');
  }
}
