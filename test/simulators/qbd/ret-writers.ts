import { Money, ZERO_MONEY, moneyFromCents, moneyToCents } from '../../../core/values/money';
import { accountTotalBalanceOf } from './account-balances';
import { RetWriter } from './answer-writer';
import { QuickBooksCompany } from './quickbooks-company';
import { SimAccount, SimApplication, SimCreditMemo, SimCustomer, SimDeposit, SimInvoice, SimJournalEntry, SimLine, SimPayment } from './sim-records';

const negate = (m: Money): Money => moneyFromCents(-moneyToCents(m));

/** How much of a query's detail the request asked for. */
export interface RetDetail {
  readonly includeLineItems?: boolean;
  readonly includeLinkedTxns?: boolean;
}

export function stamps(w: RetWriter, company: QuickBooksCompany, r: { created: Date; modified: Date; editSequence: string }): void {
  w.el('TimeCreated', company.clock.format(r.created)).el('TimeModified', company.clock.format(r.modified)).el('EditSequence', r.editSequence);
}

export function customerRef(company: QuickBooksCompany, listId: string) {
  const c = company.customers.get(listId);
  return { listId, fullName: c?.fullName };
}

function accountRef(company: QuickBooksCompany, listId: string) {
  return { listId, fullName: company.accounts.get(listId)?.fullName };
}

export function salesLines(w: RetWriter, name: string, lines: readonly SimLine[]): void {
  for (const l of lines) {
    w.agg(name, (n) =>
      n
        .el('TxnLineID', l.txnLineId)
        .ref('ItemRef', l.itemName ? { fullName: l.itemName } : undefined)
        .el('Desc', l.desc)
        .el('Quantity', l.quantity)
        .el('Rate', l.rate)
        .el('Amount', l.amount),
    );
  }
}

export function accountRet(company: QuickBooksCompany, a: SimAccount): RetWriter {
  const w = new RetWriter('AccountRet').el('ListID', a.listId);
  stamps(w, company, a);
  w.el('Name', a.name).el('FullName', a.fullName).el('IsActive', a.isActive);
  if (a.parentId) w.ref('ParentRef', accountRef(company, a.parentId));
  w.el('Sublevel', a.fullName.split(':').length - 1)
    .el('AccountType', a.accountType)
    .el('SpecialAccountType', a.specialAccountType)
    .el('AccountNumber', a.accountNumber);
  // Schema order: Balance and TotalBalance come after AccountNumber, BankNumber and Desc.
  w.el('Balance', company.accountBalance(a.listId)).el('TotalBalance', accountTotalBalanceOf(company, a));
  return w;
}

export function customerRet(company: QuickBooksCompany, c: SimCustomer): RetWriter {
  const w = new RetWriter('CustomerRet').el('ListID', c.listId);
  stamps(w, company, c);
  w.el('Name', c.name).el('FullName', c.fullName).el('IsActive', c.isActive);
  if (c.parentId) w.ref('ParentRef', customerRef(company, c.parentId));
  w.el('Sublevel', c.fullName.split(':').length - 1)
    .el('CompanyName', c.companyName)
    .el('FirstName', c.firstName)
    .el('LastName', c.lastName);
  w.el('Phone', c.phone).el('Email', c.email);
  const balance = company.customerBalance(c.listId);
  w.el('Balance', balance).el('TotalBalance', balance).el('ExternalGUID', c.externalGuid).el('JobStatus', 'None');
  return w;
}

/**
 * InvoiceRet in schema order. AppliedAmount is negative and BalanceRemaining = total +
 * AppliedAmount (../shared/reference/qbwc-qbxml.md §7.1: fixture-derived, UNVERIFIED against a live file); a linked
 * payment's Amount is negative too (UNVERIFIED).
 */
export function invoiceRet(company: QuickBooksCompany, inv: SimInvoice, detail: RetDetail): RetWriter {
  const w = new RetWriter('InvoiceRet').el('TxnID', inv.txnId);
  stamps(w, company, inv);
  w.el('TxnNumber', inv.txnNumber)
    .ref('CustomerRef', customerRef(company, inv.customerId))
    .ref('ARAccountRef', accountRef(company, company.accountsReceivable.listId));
  w.el('TxnDate', inv.txnDate).el('RefNumber', inv.refNumber).el('IsPending', false).el('DueDate', inv.dueDate);
  const balance = company.invoiceBalance(inv);
  w.el('Subtotal', company.invoiceSubtotal(inv))
    .el('SalesTaxTotal', inv.salesTaxTotal)
    .el('AppliedAmount', negate(company.invoiceApplied(inv)))
    .el('BalanceRemaining', balance);
  w.el('Memo', inv.memo)
    .el('IsPaid', moneyToCents(balance) <= 0n)
    .el('ExternalGUID', inv.externalGuid);
  if (detail.includeLinkedTxns) {
    for (const a of company.applicationsTo(inv.txnId)) {
      w.agg('LinkedTxn', (n) =>
        n
          .el('TxnID', a.from.txnId)
          .el('TxnType', a.type)
          .el('TxnDate', a.from.txnDate)
          .el('RefNumber', a.from.refNumber)
          .el('LinkType', 'AMTTYPE')
          .el('Amount', negate(a.amount)),
      );
    }
  }
  if (detail.includeLineItems) salesLines(w, 'InvoiceLineRet', inv.lines);
  return w;
}

export function creditMemoRet(company: QuickBooksCompany, memo: SimCreditMemo, detail: RetDetail): RetWriter {
  const w = new RetWriter('CreditMemoRet').el('TxnID', memo.txnId);
  stamps(w, company, memo);
  w.el('TxnNumber', memo.txnNumber).ref('CustomerRef', customerRef(company, memo.customerId)).el('TxnDate', memo.txnDate).el('RefNumber', memo.refNumber);
  const subtotal = memo.lines.reduce((s, l) => moneyFromCents(moneyToCents(s) + moneyToCents(l.amount)), ZERO_MONEY);
  w.el('Subtotal', subtotal)
    .el('SalesTaxTotal', memo.salesTaxTotal)
    .el('TotalAmount', company.creditTotal(memo))
    .el('CreditRemaining', company.creditRemaining(memo))
    .el('Memo', memo.memo);
  if (detail.includeLinkedTxns) {
    for (const a of memo.applications) {
      const target = company.receivable(a.invoiceId);
      w.agg('LinkedTxn', (n) =>
        n
          .el('TxnID', a.invoiceId)
          .el('TxnType', target?.type ?? 'Invoice')
          .el('TxnDate', target?.txnDate)
          .el('RefNumber', target?.refNumber)
          .el('LinkType', 'AMTTYPE')
          .el('Amount', negate(a.amount)),
      );
    }
  }
  if (detail.includeLineItems) salesLines(w, 'CreditMemoLineRet', memo.lines);
  return w;
}

/**
 * ReceivePaymentRet; an AppliedToTxnRet row names an invoice or a journal entry (its TxnType)
 * and carries its balance after all its applications.
 */
export function receivePaymentRet(company: QuickBooksCompany, p: SimPayment, detail: RetDetail): RetWriter {
  const w = new RetWriter('ReceivePaymentRet').el('TxnID', p.txnId);
  stamps(w, company, p);
  w.el('TxnNumber', p.txnNumber)
    .ref('CustomerRef', customerRef(company, p.customerId))
    .el('TxnDate', p.txnDate)
    .el('RefNumber', p.refNumber)
    .el('TotalAmount', p.totalAmount);
  if (p.paymentMethod) w.ref('PaymentMethodRef', { fullName: p.paymentMethod });
  w.el('Memo', p.memo)
    .ref('DepositToAccountRef', accountRef(company, p.depositToAccountId))
    .el('UnusedPayment', company.paymentUnused(p))
    .el('UnusedCredits', ZERO_MONEY)
    .el('ExternalGUID', p.externalGuid);
  if (detail.includeLineItems) {
    for (const a of p.applications) appliedToTxnRet(w, company, a);
  }
  return w;
}

export function depositRet(company: QuickBooksCompany, d: SimDeposit, detail: RetDetail): RetWriter {
  const w = new RetWriter('DepositRet').el('TxnID', d.txnId);
  stamps(w, company, d);
  w.el('TxnNumber', d.txnNumber)
    .el('TxnDate', d.txnDate)
    .ref('DepositToAccountRef', accountRef(company, d.depositToAccountId))
    .el('Memo', d.memo)
    .el('DepositTotal', company.depositTotal(d))
    .el('ExternalGUID', d.externalGuid);
  if (detail.includeLineItems) {
    for (const l of d.lines) {
      if ('paymentId' in l) {
        const p = company.payments.get(l.paymentId);
        w.agg('DepositLineRet', (n) =>
          n
            .el('TxnType', 'ReceivePayment')
            .el('TxnID', l.paymentId)
            .el('TxnLineID', l.txnLineId)
            .ref('EntityRef', p && customerRef(company, p.customerId))
            .ref('AccountRef', accountRef(company, company.undepositedFunds.listId))
            .el('Memo', l.memo)
            .el('Amount', l.amount),
        );
      } else {
        w.agg('DepositLineRet', (n) =>
          n
            .el('TxnLineID', l.txnLineId)
            .ref('EntityRef', l.entityId ? customerRef(company, l.entityId) : undefined)
            .ref('AccountRef', accountRef(company, l.accountId))
            .el('Memo', l.memo)
            .el('Amount', l.amount),
        );
      }
    }
  }
  return w;
}

function appliedToTxnRet(w: RetWriter, company: QuickBooksCompany, a: SimApplication): void {
  const target = company.receivable(a.invoiceId);
  w.agg('AppliedToTxnRet', (n) =>
    n
      .el('TxnID', a.invoiceId)
      .el('TxnType', target?.type ?? 'Invoice')
      .el('TxnDate', target?.txnDate)
      .el('RefNumber', target?.refNumber)
      .el('BalanceRemaining', target && company.receivableBalance(target))
      .el('Amount', a.amount),
  );
}

/**
 * JournalEntryRet in schema order; the lines, debits and credits mixed in the entry's order,
 * only when line items are asked for. UNVERIFIED: JournalEntryQuery has IncludeLineItems in
 * the 13.0 schema, so the simulator treats it like every other transaction query; whether
 * QuickBooks returns a journal entry's lines without it is not established. Add answers
 * always carry them.
 */
export function journalEntryRet(company: QuickBooksCompany, e: SimJournalEntry, detail: RetDetail): RetWriter {
  const w = new RetWriter('JournalEntryRet').el('TxnID', e.txnId);
  stamps(w, company, e);
  w.el('TxnNumber', e.txnNumber)
    .el('TxnDate', e.txnDate)
    .el('RefNumber', e.refNumber)
    .el('Memo', e.memo)
    .el('IsAdjustment', e.isAdjustment ?? false)
    .el('ExternalGUID', e.externalGuid);
  if (detail.includeLineItems) {
    for (const l of e.lines) {
      w.agg(l.side === 'debit' ? 'JournalDebitLine' : 'JournalCreditLine', (n) =>
        n
          .el('TxnLineID', l.txnLineId)
          .ref('AccountRef', accountRef(company, l.accountId))
          .el('Amount', l.amount)
          .el('Memo', l.memo)
          .ref('EntityRef', l.entityId ? customerRef(company, l.entityId) : undefined),
      );
    }
  }
  return w;
}
