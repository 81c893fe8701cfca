import { Migration } from '@mikro-orm/migrations';

/**
 * What is still owed on an invoice is QuickBooks' balance less the platform's payments that
 * balance does not yet show (payment-ledger.ts). A payment is shown once QuickBooks took it and
 * the invoice was read again after that: reflected_at.
 */
export class Migration0021PaymentReflection extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table alt_payment add column reflected_at timestamptz');
    // Shown already: QuickBooks took it, and its invoice was written from a read after that.
    this.addSql(`update alt_payment p set reflected_at = i.updated_at from outbox o, alt_invoice i
      where o.item = 'payment' and o.source_id = p.id::text and o.state = 'done' and i.id = p.invoice_id and i.updated_at >= o.updated_at`);
    this.addSql('create index alt_payment_unreflected on alt_payment (invoice_id) where reflected_at is null');
  }

  override async down(): Promise<void> {
    this.addSql('drop index alt_payment_unreflected');
    this.addSql('alter table alt_payment drop column reflected_at');
  }
}
