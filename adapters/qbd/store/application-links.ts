import type { EntityManager } from '@mikro-orm/postgresql';
import type { InvoiceRecord } from '../qbxml/records/invoice-record';
import { ANY_OF_LIST, insertRows, arrayLiteral } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';

/** Replaces an invoice's links with the payments and credits its LinkedTxn lists now. */
export async function recordApplicationLinks(em: EntityManager, connectionId: string, invoices: readonly InvoiceRecord[]): Promise<void> {
  if (invoices.length === 0) return;
  await sendSql(em, `delete from qbd_application_link where connection_id = ? and invoice_txn_id ${ANY_OF_LIST}`, [
    connectionId,
    arrayLiteral(invoices.map((i) => i.txnId)),
  ]);
  const links = invoices.flatMap((invoice) =>
    invoice.linkedTxns.filter((l) => l.txnType === 'ReceivePayment' || l.txnType === 'CreditMemo').map((link) => [connectionId, link.txnId, invoice.txnId]),
  );
  await insertRows(em, 'qbd_application_link', ['connection_id', 'applied_txn_id', 'invoice_txn_id'], links, 'on conflict do nothing');
}

/** The invoices the given payments or credit memos were applied to, as last seen. */
export async function invoicesAppliedBy(em: EntityManager, connectionId: string, appliedTxnIds: readonly string[]): Promise<string[]> {
  if (appliedTxnIds.length === 0) return [];
  const rows = await sendSql<{ invoice_txn_id: string }[]>(
    em,
    `select distinct invoice_txn_id from qbd_application_link where connection_id = ? and applied_txn_id in (${appliedTxnIds.map(() => '?').join(', ')})`,
    [connectionId, ...appliedTxnIds],
  );
  return rows.map((r) => r.invoice_txn_id);
}
