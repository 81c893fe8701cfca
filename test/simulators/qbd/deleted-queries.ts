import { RetWriter, responseLines } from './answer-writer';
import { NO_MATCH, QueryContext, QueryHandler, instantOf } from './query-runner';
import { RequestNode, child, text, texts } from './request-node';

/** TxnDeletedQuery / ListDeletedQuery: no iterator, deletions of the last 90 days only. */
export function deletedQuery(kind: 'txn' | 'list'): QueryHandler {
  return (rq: RequestNode, { company }: QueryContext): string[] => {
    const rsName = kind === 'txn' ? 'TxnDeletedQueryRs' : 'ListDeletedQueryRs';
    const types = new Set(texts(rq, kind === 'txn' ? 'TxnDelType' : 'ListDelType'));
    const range = child(rq, 'DeletedDateRangeFilter');
    const from = instantOf(company, text(range, 'FromDeletedDate'), 'FromDeletedDate');
    const to = instantOf(company, text(range, 'ToDeletedDate'), 'ToDeletedDate');
    const include = new Set(texts(rq, 'IncludeRetElement'));
    const inRange = (d: Date) => (!from || d >= from) && (!to || d <= to);
    const lines =
      kind === 'txn'
        ? company
            .recentDeletions(company.deletedTxns)
            .filter((d) => types.has(d.txnDelType) && inRange(d.deleted))
            .map((d) =>
              new RetWriter('TxnDeletedRet')
                .el('TxnDelType', d.txnDelType)
                .el('TxnID', d.txnId)
                .el('TimeCreated', company.clock.format(d.created))
                .el('TimeDeleted', company.clock.format(d.deleted))
                .el('RefNumber', d.refNumber)
                .lines(include),
            )
        : company
            .recentDeletions(company.deletedLists)
            .filter((d) => types.has(d.listDelType) && inRange(d.deleted))
            .map((d) =>
              new RetWriter('ListDeletedRet')
                .el('ListDelType', d.listDelType)
                .el('ListID', d.listId)
                .el('TimeCreated', company.clock.format(d.created))
                .el('TimeDeleted', company.clock.format(d.deleted))
                .el('FullName', d.fullName)
                .lines(include),
            );
    const requestId = rq.attributes.requestID;
    if (lines.length === 0) return responseLines(rsName, { requestId, code: 1, severity: 'Info', message: NO_MATCH }, []);
    return responseLines(rsName, { requestId, code: 0, severity: 'Info', message: 'Status OK' }, lines.flat());
  };
}

/** ReceivePaymentToDepositQuery: the payments waiting in Undeposited Funds, no filters, no iterator. */
export const receivePaymentToDepositQuery: QueryHandler = (rq, { company }) => {
  const include = new Set(texts(rq, 'IncludeRetElement'));
  const lines = company.paymentsToDeposit().flatMap((p) =>
    new RetWriter('ReceivePaymentToDepositRet')
      .el('TxnID', p.txnId)
      .el('TxnType', 'ReceivePayment')
      .ref('CustomerRef', { listId: p.customerId, fullName: company.customers.get(p.customerId)?.fullName })
      .el('TxnDate', p.txnDate)
      .el('RefNumber', p.refNumber)
      .el('Amount', p.totalAmount)
      .lines(include),
  );
  const requestId = rq.attributes.requestID;
  if (lines.length === 0) return responseLines('ReceivePaymentToDepositQueryRs', { requestId, code: 1, severity: 'Info', message: NO_MATCH }, []);
  return responseLines('ReceivePaymentToDepositQueryRs', { requestId, code: 0, severity: 'Info', message: 'Status OK' }, lines);
};
