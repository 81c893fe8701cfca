import { Migration } from '@mikro-orm/migrations';

/** Payouts: sets of payments paid out together to the partner's bank. */
export class Migration0010AlternativePayouts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table alt_payout (
      id uuid primary key,
      connection_id uuid not null references connection (id) on delete cascade,
      paid_on date not null,
      total numeric(15, 2) not null,
      created_at timestamptz not null
    )`);
    this.addSql(`create table alt_payout_payment (
      payout_id uuid not null references alt_payout (id) on delete cascade,
      payment_id uuid not null unique references alt_payment (id),
      primary key (payout_id, payment_id)
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table alt_payout_payment');
    this.addSql('drop table alt_payout');
  }
}
