import { Money } from '../../../core/values/money';

/** QuickBooks keeps deletion records for about 90 days (../shared/reference/qbwc-qbxml.md §6.9, VENDOR). */
export const DELETED_RETENTION_DAYS = 90;

export interface LineInput {
  readonly itemName?: string;
  readonly desc?: string;
  readonly quantity?: string;
  readonly rate?: string;
  readonly amount: Money;
}

/** What a new invoice or estimate is made from, as a user would enter it. */
export interface SalesDocumentInput {
  readonly customerId: string;
  readonly txnDate?: string;
  readonly dueDate?: string;
  readonly refNumber?: string;
  readonly memo?: string;
  readonly lines: readonly LineInput[];
  readonly salesTaxTotal?: Money;
}

/** A journal line to add; amounts are positive, the side says which way. */
export interface JournalLineInput {
  readonly side: 'debit' | 'credit';
  readonly accountId: string;
  readonly amount: Money;
  readonly entityId?: string;
  readonly memo?: string;
}

/** What a payment can be applied to: an invoice, or a journal entry's A/R debit to a customer. */
export interface SimReceivable {
  readonly txnId: string;
  readonly type: 'Invoice' | 'JournalEntry';
  readonly customerId: string;
  readonly txnDate: string;
  readonly refNumber?: string;
  readonly total: Money;
}

/** The counters behind new ids, TxnNumbers and EditSequences: a reloaded company goes on from them. */
export interface CompanyCounters {
  readonly list: number;
  readonly txn: number;
  readonly txnNumber: number;
  readonly editSequence: number;
}

/** A deposit line: a payment waiting in Undeposited Funds, or money from another account. */
export type DepositLineInput =
  | { readonly paymentId: string; readonly memo?: string }
  | { readonly accountId: string; readonly entityId?: string; readonly memo?: string; readonly amount: Money };
