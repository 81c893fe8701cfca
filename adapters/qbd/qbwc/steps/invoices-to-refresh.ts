import type { EntityManager } from '@mikro-orm/postgresql';
import { ANY_OF_LIST, arrayLiteral } from '../../../../core/store/insert-rows';
import { sendSql } from '../../../../core/store/send-sql';

/**
 * Invoices whose balance we changed in QuickBooks in a way a modified-since read cannot see
 * (a payment we deleted leaves nothing modified behind). The balances step reads them again.
 * A set, one row an invoice (qbd_invoice_to_refresh): marking one twice keeps the first mark.
 */
export async function markInvoicesToRefresh(em: EntityManager, connectionId: string, txnIds: readonly string[], now: Date): Promise<void> {
  if (txnIds.length === 0) return;
  await sendSql(
    em,
    `insert into qbd_invoice_to_refresh (connection_id, txn_id, marked_at) select ?, id, ? from unnest(?::text[]) as id
     on conflict (connection_id, txn_id) do nothing`,
    [connectionId, now, arrayLiteral([...new Set(txnIds)])],
  );
}

/** The invoices marked to be read again, oldest mark first. */
export async function invoicesToRefresh(em: EntityManager, connectionId: string): Promise<string[]> {
  const rows = await sendSql<{ txn_id: string }[]>(em, 'select txn_id from qbd_invoice_to_refresh where connection_id = ? order by marked_at, txn_id', [
    connectionId,
  ]);
  return rows.map((r) => r.txn_id);
}

/**
 * Unmarks the invoices that were just read again, in the transaction that stores them. Only
 * those: an invoice marked after the set was taken stays marked for the next read.
 */
export async function forgetInvoicesRefreshed(em: EntityManager, connectionId: string, txnIds: readonly string[]): Promise<void> {
  if (txnIds.length === 0) return;
  await sendSql(em, `delete from qbd_invoice_to_refresh where connection_id = ? and txn_id ${ANY_OF_LIST}`, [connectionId, arrayLiteral(txnIds)]);
}
