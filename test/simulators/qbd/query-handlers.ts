import { compareMoney, ZERO_MONEY } from '../../../core/values/money';
import { deletedQuery, receivePaymentToDepositQuery } from './deleted-queries';
import { estimateRet } from './estimate-ret';
import { QueryHandler, defineQuery } from './query-runner';
import { QuickBooksCompany } from './quickbooks-company';
import { RequestNode, child, text, texts } from './request-node';
import { accountRet, creditMemoRet, customerRet, depositRet, invoiceRet, journalEntryRet, receivePaymentRet } from './ret-writers';
import { SimAccount, SimCreditMemo, SimCustomer, SimDeposit, SimEstimate, SimInvoice, SimJournalEntry, SimPayment } from './sim-records';

/** The query messages the simulator answers, by request name. */
export const QUERY_HANDLERS: Record<string, QueryHandler> = {
  AccountQueryRq: defineQuery<SimAccount>({
    rsName: 'AccountQueryRs',
    kind: 'list',
    all: (c) => [...c.accounts.values()],
    byId: (c, id) => c.accounts.get(id),
    idOf: (a) => a.listId,
    nameOf: (a) => a.fullName,
    modified: (a) => a.modified,
    isActive: (a) => a.isActive,
    write: (c, a) => accountRet(c, a),
    extraFilter: (rq) => {
      const types = texts(rq, 'AccountType');
      return (a) => types.length === 0 || types.includes(a.accountType);
    },
  }),
  CustomerQueryRq: defineQuery<SimCustomer>({
    rsName: 'CustomerQueryRs',
    kind: 'list',
    all: (c) => [...c.customers.values()],
    byId: (c, id) => c.customers.get(id),
    idOf: (r) => r.listId,
    nameOf: (r) => r.fullName,
    modified: (r) => r.modified,
    isActive: (r) => r.isActive,
    write: (c, r) => customerRet(c, r),
  }),
  InvoiceQueryRq: defineQuery<SimInvoice>({
    rsName: 'InvoiceQueryRs',
    kind: 'txn',
    all: (c) => [...c.invoices.values()],
    byId: (c, id) => c.invoices.get(id),
    idOf: (r) => r.txnId,
    nameOf: (r) => r.refNumber,
    modified: (r) => r.modified,
    txnDate: (r) => r.txnDate,
    customerId: (r) => r.customerId,
    write: (c, r, d) => invoiceRet(c, r, d),
    extraFilter: (rq, company) => {
      const paid = text(rq, 'PaidStatus') ?? 'All';
      return (inv) => {
        const open = compareMoney(company.invoiceBalance(inv), ZERO_MONEY) > 0;
        return paid === 'All' || (paid === 'PaidOnly' ? !open : open);
      };
    },
  }),
  CreditMemoQueryRq: defineQuery<SimCreditMemo>({
    rsName: 'CreditMemoQueryRs',
    kind: 'txn',
    all: (c) => [...c.creditMemos.values()],
    byId: (c, id) => c.creditMemos.get(id),
    idOf: (r) => r.txnId,
    nameOf: (r) => r.refNumber,
    modified: (r) => r.modified,
    txnDate: (r) => r.txnDate,
    customerId: (r) => r.customerId,
    write: (c, r, d) => creditMemoRet(c, r, d),
  }),
  ReceivePaymentQueryRq: defineQuery<SimPayment>({
    rsName: 'ReceivePaymentQueryRs',
    kind: 'txn',
    all: (c) => [...c.payments.values()],
    byId: (c, id) => c.payments.get(id),
    idOf: (r) => r.txnId,
    nameOf: (r) => r.refNumber,
    modified: (r) => r.modified,
    txnDate: (r) => r.txnDate,
    customerId: (r) => r.customerId,
    write: (c, r, d) => receivePaymentRet(c, r, d),
  }),
  DepositQueryRq: defineQuery<SimDeposit>({
    rsName: 'DepositQueryRs',
    kind: 'txn',
    all: (c) => [...c.deposits.values()],
    byId: (c, id) => c.deposits.get(id),
    idOf: (r) => r.txnId,
    nameOf: () => undefined,
    modified: (r) => r.modified,
    txnDate: (r) => r.txnDate,
    write: (c, r, d) => depositRet(c, r, d),
  }),
  JournalEntryQueryRq: defineQuery<SimJournalEntry>({
    rsName: 'JournalEntryQueryRs',
    kind: 'txn',
    all: (c) => [...c.journalEntries.values()],
    byId: (c, id) => c.journalEntries.get(id),
    idOf: (r) => r.txnId,
    nameOf: (r) => r.refNumber,
    modified: (r) => r.modified,
    txnDate: (r) => r.txnDate,
    extraFilter: journalLineFilter,
    write: (c, r, d) => journalEntryRet(c, r, d),
  }),
  // EstimateQuery takes TxnFilter like CreditMemoQuery: no PaidStatus (qbxml130.xsd).
  EstimateQueryRq: defineQuery<SimEstimate>({
    rsName: 'EstimateQueryRs',
    kind: 'txn',
    all: (c) => [...c.estimates.values()],
    byId: (c, id) => c.estimates.get(id),
    idOf: (r) => r.txnId,
    nameOf: (r) => r.refNumber,
    modified: (r) => r.modified,
    txnDate: (r) => r.txnDate,
    customerId: (r) => r.customerId,
    write: (c, r, d) => estimateRet(c, r, d),
  }),
  TxnDeletedQueryRq: deletedQuery('txn'),
  ListDeletedQueryRq: deletedQuery('list'),
  ReceivePaymentToDepositQueryRq: receivePaymentToDepositQuery,
};

/**
 * A journal entry has no one customer or account: EntityFilter and AccountFilter match an
 * entry when any of its lines names one of theirs (by ListID or FullName; the WithChildren
 * forms are not simulated).
 */
function journalLineFilter(rq: RequestNode, company: QuickBooksCompany): (e: SimJournalEntry) => boolean {
  const ids = (filter: RequestNode | undefined, byName: (name: string) => string | undefined) =>
    filter && new Set([...texts(filter, 'ListID'), ...texts(filter, 'FullName').map((n) => byName(n.toLowerCase()) ?? n)]);
  const entities = ids(child(rq, 'EntityFilter'), (n) => [...company.customers.values()].find((c) => c.fullName.toLowerCase() === n)?.listId);
  const accounts = ids(child(rq, 'AccountFilter'), (n) => [...company.accounts.values()].find((a) => a.fullName.toLowerCase() === n)?.listId);
  return (e) =>
    (!entities || e.lines.some((l) => l.entityId !== undefined && entities.has(l.entityId))) && (!accounts || e.lines.some((l) => accounts.has(l.accountId)));
}
