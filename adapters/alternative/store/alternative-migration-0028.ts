import { Migration } from '@mikro-orm/migrations';

/**
 * Estimates read from an accounting system, with their lines: a read-only copy on the platform
 * (nothing here writes them back). Kept apart from invoices: an estimate owes nothing, so it has
 * no balance or status, only whether it is still open (is_active).
 */
export class Migration0028AlternativeEstimates extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table alt_estimate (
      id uuid primary key,
      connection_id uuid not null references connection (id) on delete cascade,
      source_system text not null,
      source_id text not null,
      source_version text,
      customer_source_id text not null,
      number text,
      txn_date date not null,
      due_date date,
      memo text,
      is_active boolean not null,
      subtotal numeric(15, 2) not null,
      sales_tax numeric(15, 2) not null,
      total numeric(15, 2) not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (connection_id, source_system, source_id)
    )`);
    this.addSql(`create table alt_estimate_line (
      estimate_id uuid not null references alt_estimate (id) on delete cascade,
      position integer not null,
      source_line_id text not null,
      item_name text,
      description text,
      quantity text,
      rate text,
      amount numeric(15, 2) not null,
      primary key (estimate_id, position)
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table alt_estimate_line');
    this.addSql('drop table alt_estimate');
  }
}
