import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency-Key (core/runtime/http/idempotency.ts): the first answer to each key of a
 * partner, kept 24 hours. The key itself is stored only as a hash, and the answer encrypted
 * with a key derived from it, so the table never shows what an answer held (a new API key, an
 * install's password) to someone who reads the database.
 */
export class Migration0020IdempotencyKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table idempotency_key (
      partner_id uuid not null references partner (id) on delete cascade,
      key_hash text not null,
      fingerprint text not null,
      status smallint not null,
      answer bytea not null,
      created_at timestamptz not null,
      primary key (partner_id, key_hash)
    )`);
    this.addSql('create index idempotency_key_age on idempotency_key (created_at)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table idempotency_key');
  }
}
