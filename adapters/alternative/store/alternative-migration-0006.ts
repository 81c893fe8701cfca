import { Migration } from '@mikro-orm/migrations';

/** The Alternative ledger's customers, each linked to the QuickBooks customer it came from. */
export class Migration0006AlternativeCustomers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table alt_customer (
      id uuid primary key,
      connection_id uuid not null references connection (id) on delete cascade,
      source_system text not null,
      source_id text not null,
      source_version text,
      name text not null,
      full_name text not null,
      company_name text,
      email text,
      phone text,
      is_active boolean not null,
      balance numeric(15, 2),
      archived_at timestamptz,
      deleted_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (connection_id, source_system, source_id)
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table alt_customer');
  }
}
