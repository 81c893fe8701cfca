import { Migration } from '@mikro-orm/migrations';

/**
 * Which payments and credit memos were applied to which invoices, as QuickBooks' LinkedTxn
 * last showed it. When a payment is deleted in QuickBooks nothing modified is left behind; this
 * is how its invoices are still found and read again.
 */
export class Migration0011QbdApplicationLinks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table qbd_application_link (
      connection_id uuid not null references connection (id) on delete cascade,
      applied_txn_id text not null,
      invoice_txn_id text not null,
      primary key (connection_id, applied_txn_id, invoice_txn_id)
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table qbd_application_link');
  }
}
