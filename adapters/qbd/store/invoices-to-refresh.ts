import type { EntityManager } from '@mikro-orm/postgresql';
import { entryOf } from '../../../core/store/entry-of';
import { ANY_OF_LIST, arrayLiteral } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';

/** Per entity manager and connection: the marks read with another statement (primeInvoicesToRefresh), until this module changes them. */
const read = new WeakMap<EntityManager, Map<string, readonly string[]>>();

/**
 * Invoices whose balance we changed in QuickBooks in a way a modified-since read cannot see
 * (a payment we deleted leaves nothing modified behind). The balances step reads them again.
 * A set, one row an invoice (qbd_invoice_to_refresh): marking one twice keeps the first mark.
 */
export async function markInvoicesToRefresh(em: EntityManager, connectionId: string, txnIds: readonly string[], now: Date): Promise<void> {
  if (txnIds.length === 0) return;
  read.get(em)?.delete(connectionId);
  await sendSql(
    em,
    `insert into qbd_invoice_to_refresh (connection_id, txn_id, marked_at) select ?, id, ? from unnest(?::text[]) as id
     on conflict (connection_id, txn_id) do nothing`,
    [connectionId, now, arrayLiteral([...new Set(txnIds)])],
  );
}

/**
 * A select-list expression for the invoices marked on the connection `connectionIdSql` names,
 * oldest mark first, as a JSON array, for a statement that reads them with other rows (a session
 * answer's lock); hand the array to primeInvoicesToRefresh.
 */
export function invoicesToRefreshOf(connectionIdSql: string): string {
  return `(select coalesce(json_agg(r.txn_id order by r.marked_at, r.txn_id), '[]'::json) from qbd_invoice_to_refresh r where r.connection_id = ${connectionIdSql})`;
}

/** Marks read by another statement (invoicesToRefreshOf): `em` answers invoicesToRefresh with them until it marks or unmarks one. */
export function primeInvoicesToRefresh(em: EntityManager, connectionId: string, txnIds: readonly string[]): void {
  entryOf(read, em, () => new Map()).set(connectionId, txnIds);
}

/** The invoices marked to be read again, oldest mark first. */
export async function invoicesToRefresh(em: EntityManager, connectionId: string): Promise<string[]> {
  const primed = read.get(em)?.get(connectionId);
  if (primed) return [...primed];
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
  read.get(em)?.delete(connectionId);
  await sendSql(em, `delete from qbd_invoice_to_refresh where connection_id = ? and txn_id ${ANY_OF_LIST}`, [connectionId, arrayLiteral(txnIds)]);
}
