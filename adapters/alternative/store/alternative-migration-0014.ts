import { Migration } from '@mikro-orm/migrations';

/** The ledger's pages are read in these orders (GET …/customers, …/invoices): index them. */
export class Migration0014AlternativeListOrders extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index alt_customer_list_idx on alt_customer (connection_id, full_name, id)');
    this.addSql('create index alt_invoice_list_idx on alt_invoice (connection_id, txn_date, id)');
  }

  override async down(): Promise<void> {
    this.addSql('drop index alt_invoice_list_idx');
    this.addSql('drop index alt_customer_list_idx');
  }
}
