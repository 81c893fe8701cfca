import { Migration } from '@mikro-orm/migrations';

/**
 * The company file path and the accounts payments and payouts go to are QuickBooks Desktop's
 * settings, so they live in this adapter's `qbd_company`. Databases made before they moved kept
 * them on core's `connection` (core's first migrations created them then): this migration
 * copies them over and drops those columns, so core's own migrations never name them. A
 * database made since never had them, and a database where core's old migration 0026 already
 * dropped them has nothing left to copy: both still migrate.
 */
export class Migration0025QbdCompanySettings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table qbd_company add column company_file_path text not null default '',
      add column payment_account_id text, add column deposit_account_id text`);
    this.addSql(`do $$ begin
      if exists (select 1 from information_schema.columns
                  where table_schema = current_schema() and table_name = 'connection' and column_name = 'company_file_path') then
        update qbd_company q set company_file_path = c.company_file_path, payment_account_id = c.payment_account_id,
          deposit_account_id = c.deposit_account_id from connection c where c.id = q.connection_id;
      end if;
    end $$`);
    this.addSql(
      'alter table connection drop column if exists company_file_path, drop column if exists payment_account_id, drop column if exists deposit_account_id',
    );
  }

  override async down(): Promise<void> {
    this.addSql('alter table qbd_company drop column company_file_path, drop column payment_account_id, drop column deposit_account_id');
  }
}
