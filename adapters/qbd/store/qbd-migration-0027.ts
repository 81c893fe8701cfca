import { Migration } from '@mikro-orm/migrations';

/**
 * The invoices to read again (a payment we deleted or returned changed their balance unseen)
 * were a JSON array kept as a bookmark (sync_cursor, stream 'qbd:invoices-to-refresh'): a set
 * rewritten whole at every mark. They get a table of their own, one row an invoice, so a mark
 * is an insert and a read-back removes only the ids it read. Any set already kept moves here.
 */
export class Migration0027QbdInvoicesToRefresh extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table qbd_invoice_to_refresh (
      connection_id uuid not null references connection (id) on delete cascade,
      txn_id text not null,
      marked_at timestamptz not null,
      primary key (connection_id, txn_id)
    )`);
    this.addSql(`insert into qbd_invoice_to_refresh (connection_id, txn_id, marked_at)
      select c.connection_id, j.txn_id, c.updated_at
        from sync_cursor c cross join lateral jsonb_array_elements_text(c.value::jsonb) as j(txn_id)
       where c.stream = 'qbd:invoices-to-refresh'
      on conflict (connection_id, txn_id) do nothing`);
    this.addSql(`delete from sync_cursor where stream = 'qbd:invoices-to-refresh'`);
  }

  override async down(): Promise<void> {
    this.addSql(`insert into sync_cursor (connection_id, stream, value, updated_at)
      select connection_id, 'qbd:invoices-to-refresh', json_agg(txn_id order by marked_at, txn_id)::text, max(marked_at)
        from qbd_invoice_to_refresh group by connection_id`);
    this.addSql('drop table qbd_invoice_to_refresh');
  }
}
