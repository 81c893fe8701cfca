import { Migration } from '@mikro-orm/migrations';

/** Payments received on the platform (where each stands in QuickBooks is read from the outbox). */
export class Migration0009AlternativePayments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table alt_payment (
      id uuid primary key,
      connection_id uuid not null references connection (id) on delete cascade,
      invoice_id uuid not null references alt_invoice (id),
      amount numeric(15, 2) not null check (amount > 0),
      received_on date not null,
      method text,
      reference text,
      status text not null check (status in ('succeeded', 'failed')),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`);
    this.addSql('create index alt_payment_connection_idx on alt_payment (connection_id, created_at)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table alt_payment');
  }
}
