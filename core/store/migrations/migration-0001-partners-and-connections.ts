import { Migration } from '@mikro-orm/migrations';

/** The first tables: partners and their connections to external systems. */
export class Migration0001PartnersAndConnections extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table partner (
      id uuid primary key,
      name text not null check (length(name) between 1 and 200),
      api_key_hash text not null unique,
      created_at timestamptz not null default now()
    )`);
    this.addSql(`create table connection (
      id uuid primary key,
      partner_id uuid not null references partner (id) on delete cascade,
      system text not null,
      company_name text not null,
      status text not null check (status in ('pending', 'connected', 'paused', 'error')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql('create index connection_partner_idx on connection (partner_id)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table connection');
    this.addSql('drop table partner');
  }
}
