import type { EntityManager } from '@mikro-orm/postgresql';
import type { InvoiceRecord } from '../qbxml/records/invoice-record';
import { sendHeldRows } from '../../../core/store/flush-held-writes';
import { holdRows } from '../../../core/store/held-writes';
import { ANY_OF_LIST, arrayLiteral } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';
import { SqlStatement, sendTogether } from '../../../core/store/send-together';

const LINKS = 'qbd_application_link';

/**
 * Replaces the invoices' links with the payments and credits their LinkedTxn lists now. In a
 * transaction that holds writes (a session's answer), the links of all its pages go in its last
 * statement, each invoice as the last page that listed it says, and a look-up of links before
 * then writes them first; else at once.
 */
export async function recordApplicationLinks(em: EntityManager, connectionId: string, invoices: readonly InvoiceRecord[]): Promise<void> {
  if (invoices.length === 0) return;
  // Marks the rows of this page: an invoice listed twice in it keeps every link of both.
  const page = {};
  const rows = invoices.flatMap((invoice) => {
    const applied = invoice.linkedTxns.filter((l) => l.txnType === 'ReceivePayment' || l.txnType === 'CreditMemo').map((l) => l.txnId);
    return applied.length > 0 ? applied.map((txnId) => [connectionId, page, invoice.txnId, txnId]) : [[connectionId, page, invoice.txnId, null]];
  });
  if (holdRows(em, LINKS, rows, linkStatements)) return;
  await sendTogether(em, linkStatements(rows));
}

/**
 * The replacement of the links that rows of [connection, page, invoice, applied or null] name:
 * per connection, the links no longer listed go and the new ones come, those still listed stay
 * (the two parts touch no row in common, so they may share one statement's snapshot).
 */
function linkStatements(rows: readonly (readonly unknown[])[]): SqlStatement[] {
  const byConnection = new Map<string, Map<string, { page: unknown; applied: Set<string> }>>();
  for (const [connectionId, page, invoiceTxnId, applied] of rows as [string, unknown, string, string | null][]) {
    let invoices = byConnection.get(connectionId);
    if (!invoices) byConnection.set(connectionId, (invoices = new Map()));
    let listed = invoices.get(invoiceTxnId);
    // A later page that lists the invoice again says what its links are now.
    if (!listed || listed.page !== page) {
      listed = { page, applied: new Set() };
      invoices.set(invoiceTxnId, listed);
    }
    if (applied !== null) listed.applied.add(applied);
  }
  return [...byConnection].flatMap(([connectionId, invoices]) => {
    const links = [...invoices].flatMap(([invoiceTxnId, { applied }]) => [...applied].map((txnId) => [txnId, invoiceTxnId]));
    const listed = [arrayLiteral(links.map(([applied]) => applied)), arrayLiteral(links.map(([, invoice]) => invoice))];
    return [
      {
        sql: `delete from qbd_application_link l where l.connection_id = ? and l.invoice_txn_id ${ANY_OF_LIST}
                and not exists (select 1 from unnest(?::text[], ?::text[]) as n (applied_txn_id, invoice_txn_id)
                                 where n.applied_txn_id = l.applied_txn_id and n.invoice_txn_id = l.invoice_txn_id)`,
        params: [connectionId, arrayLiteral([...invoices.keys()]), ...listed],
      },
      {
        sql: `insert into qbd_application_link (connection_id, applied_txn_id, invoice_txn_id)
              select ?, applied_txn_id, invoice_txn_id from unnest(?::text[], ?::text[]) as n (applied_txn_id, invoice_txn_id) on conflict do nothing`,
        params: [connectionId, ...listed],
      },
    ];
  });
}

/** The invoices the given payments or credit memos were applied to, as last seen. */
export async function invoicesAppliedBy(em: EntityManager, connectionId: string, appliedTxnIds: readonly string[]): Promise<string[]> {
  if (appliedTxnIds.length === 0) return [];
  await sendHeldRows(em, LINKS);
  const rows = await sendSql<{ invoice_txn_id: string }[]>(
    em,
    `select distinct invoice_txn_id from qbd_application_link where connection_id = ? and applied_txn_id in (${appliedTxnIds.map(() => '?').join(', ')})`,
    [connectionId, ...appliedTxnIds],
  );
  return rows.map((r) => r.invoice_txn_id);
}
