import { Migration } from '@mikro-orm/migrations';

/** Internal invoices (no PDF) with their lines, each linked to the QuickBooks invoice it came from. */
export class Migration0007AlternativeInvoices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table alt_invoice (
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
      subtotal numeric(15, 2) not null,
      sales_tax numeric(15, 2) not null,
      total numeric(15, 2) not null,
      balance numeric(15, 2) not null,
      status text not null check (status in ('open', 'partially-paid', 'paid', 'void')),
      archived_at timestamptz,
      deleted_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (connection_id, source_system, source_id)
    )`);
    this.addSql(`create table alt_invoice_line (
      invoice_id uuid not null references alt_invoice (id) on delete cascade,
      position integer not null,
      source_line_id text not null,
      item_name text,
      description text,
      quantity text,
      rate text,
      amount numeric(15, 2) not null,
      primary key (invoice_id, position)
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table alt_invoice_line');
    this.addSql('drop table alt_invoice');
  }
}
