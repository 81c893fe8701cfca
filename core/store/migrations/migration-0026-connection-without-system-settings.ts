import { Migration } from '@mikro-orm/migrations';

/**
 * A connection keeps only what every accounting system has; what one system needs (QuickBooks
 * Desktop's company file path and its payment and deposit accounts) lives in that adapter's own
 * tables. The QuickBooks adapter's migration 0025 copied these columns before this runs (names
 * sort the two lists together); without that adapter they meant nothing.
 */
export class Migration0026ConnectionWithoutSystemSettings extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table connection drop column company_file_path, drop column payment_account_id, drop column deposit_account_id');
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table connection add column company_file_path text not null default '', add column payment_account_id text, add column deposit_account_id text`,
    );
  }
}
