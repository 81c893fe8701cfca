import { Migration } from '@mikro-orm/migrations';

/**
 * The company file path and the accounts payments and payouts go to are QuickBooks Desktop's
 * settings, so they move from core's `connection` into this adapter's `qbd_company` (copied
 * here; core's migration 0026, which runs after this one by name, drops the old columns).
 */
export class Migration0025QbdCompanySettings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table qbd_company add column company_file_path text not null default '',
      add column payment_account_id text, add column deposit_account_id text`);
    // Copied only while core's columns are there: a database whose core migrations ran ahead of
    // this adapter's (core 0026 applied first) has nothing left to copy, and must still migrate.
    this.addSql(`do $$ begin
      if exists (select 1 from information_schema.columns
                  where table_schema = current_schema() and table_name = 'connection' and column_name = 'company_file_path') then
        update qbd_company q set company_file_path = c.company_file_path, payment_account_id = c.payment_account_id,
          deposit_account_id = c.deposit_account_id from connection c where c.id = q.connection_id;
      end if;
    end $$`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table qbd_company drop column company_file_path, drop column payment_account_id, drop column deposit_account_id');
  }
}
