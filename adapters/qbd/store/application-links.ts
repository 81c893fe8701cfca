import type { EntityManager } from '@mikro-orm/postgresql';
import type { InvoiceRecord } from '../qbxml/records/invoice-record';
import { ANY_OF_LIST, arrayLiteral } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';

/**
 * Replaces the invoices' links with the payments and credits their LinkedTxn lists now, in one
 * statement: the links no longer listed go, the new ones come, those still listed stay as they
 * are (the two parts touch no row in common, so they may share one statement's snapshot).
 */
export async function recordApplicationLinks(em: EntityManager, connectionId: string, invoices: readonly InvoiceRecord[]): Promise<void> {
  if (invoices.length === 0) return;
  const links = invoices.flatMap((invoice) =>
    invoice.linkedTxns.filter((l) => l.txnType === 'ReceivePayment' || l.txnType === 'CreditMemo').map((link) => [link.txnId, invoice.txnId]),
  );
  await sendSql(
    em,
    `with listed as (select * from unnest(?::text[], ?::text[]) as n (applied_txn_id, invoice_txn_id)),
     gone as (
       delete from qbd_application_link l where l.connection_id = ? and l.invoice_txn_id ${ANY_OF_LIST}
          and not exists (select 1 from listed n where n.applied_txn_id = l.applied_txn_id and n.invoice_txn_id = l.invoice_txn_id)
     )
     insert into qbd_application_link (connection_id, applied_txn_id, invoice_txn_id)
     select ?, applied_txn_id, invoice_txn_id from listed on conflict do nothing`,
    [
      arrayLiteral(links.map(([applied]) => applied)),
      arrayLiteral(links.map(([, invoice]) => invoice)),
      connectionId,
      arrayLiteral(invoices.map((i) => i.txnId)),
      connectionId,
    ],
  );
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
