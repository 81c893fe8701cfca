import { Migration } from '@mikro-orm/migrations';

/**
 * What is still owed on an invoice is QuickBooks' balance less the platform's payments that
 * balance does not yet show (payment-ledger.ts). A payment is shown once QuickBooks took it and
 * the invoice was read again after that: reflected_at. Payments QuickBooks already took are
 * taken as shown (the sessions that took them read their invoices again).
 */
export class Migration0021PaymentReflection extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table alt_payment add column reflected_at timestamptz');
    this.addSql(`update alt_payment p set reflected_at = p.updated_at
      where exists (select 1 from outbox o where o.item = 'payment' and o.source_id = p.id::text and o.state = 'done')`);
    this.addSql('create index alt_payment_unreflected on alt_payment (invoice_id) where reflected_at is null');
  }

  override async down(): Promise<void> {
    this.addSql('drop index alt_payment_unreflected');
    this.addSql('alter table alt_payment drop column reflected_at');
  }
}
