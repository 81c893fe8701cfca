import { Migration } from '@mikro-orm/migrations';

/**
 * A payment of an invoice that exists only on the platform stays on the platform (no accounting
 * system holds the invoice to apply it to): kept_reason says so, and the ledger's own balance of
 * that invoice is what the payment changes.
 */
export class Migration0023PaymentsKeptHere extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table alt_payment add column kept_reason text');
  }

  override async down(): Promise<void> {
    this.addSql('alter table alt_payment drop column kept_reason');
  }
}
