import { Migration } from '@mikro-orm/migrations';

/**
 * An invoice's links are replaced each time it is read, by invoice: without this index every
 * page of a first sync scanned all the links stored so far (quadratic in company size).
 */
export class Migration0015QbdLinksByInvoice extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index qbd_application_link_invoice_idx on qbd_application_link (connection_id, invoice_txn_id)');
  }

  override async down(): Promise<void> {
    this.addSql('drop index qbd_application_link_invoice_idx');
  }
}
