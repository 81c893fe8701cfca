import { Money } from '../../../core/values/money';

/** What every record the simulated company stores carries. */
export interface Stamped {
  readonly created: Date;
  modified: Date;
  /** Changes on every edit; a Mod or Del with an older one gets 3200. */
  editSequence: string;
}

export interface SimAccount extends Stamped {
  readonly listId: string;
  name: string;
  fullName: string;
  parentId?: string;
  isActive: boolean;
  accountType: string;
  specialAccountType?: string;
  accountNumber?: string;
}

export interface SimCustomer extends Stamped {
  readonly listId: string;
  name: string;
  fullName: string;
  parentId?: string;
  isActive: boolean;
  companyName?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  externalGuid?: string;
}

export interface SimLine {
  readonly txnLineId: string;
  /** Absent on a description-only line (InvoiceAdd lets a line name no item). */
  readonly itemName?: string;
  readonly desc?: string;
  readonly quantity?: string;
  readonly rate?: string;
  readonly amount: Money;
}

/**
 * An amount of a payment or credit memo applied to one receivable. The field keeps its old
 * name: it holds the TxnID of an invoice or of a journal entry whose A/R debit is open.
 */
export interface SimApplication {
  readonly invoiceId: string;
  readonly amount: Money;
}

export interface SimInvoice extends Stamped {
  readonly txnId: string;
  readonly txnNumber: number;
  customerId: string;
  txnDate: string;
  refNumber?: string;
  dueDate?: string;
  memo?: string;
  /** Set by whoever created the invoice (InvoiceAdd's ExternalGUID); QuickBooks never changes it. */
  externalGuid?: string;
  lines: SimLine[];
  salesTaxTotal: Money;
}

/** An estimate: lines quoted to a customer. It owes nothing, so nothing is ever applied to it. */
export interface SimEstimate extends Stamped {
  readonly txnId: string;
  readonly txnNumber: number;
  customerId: string;
  txnDate: string;
  refNumber?: string;
  dueDate?: string;
  memo?: string;
  /** Still open; QuickBooks clears it when the estimate is marked inactive (or, UNVERIFIED, fully invoiced). */
  isActive: boolean;
  lines: SimLine[];
  salesTaxTotal: Money;
}

export interface SimCreditMemo extends Stamped {
  readonly txnId: string;
  readonly txnNumber: number;
  customerId: string;
  txnDate: string;
  refNumber?: string;
  memo?: string;
  lines: SimLine[];
  salesTaxTotal: Money;
  applications: SimApplication[];
}

export interface SimPayment extends Stamped {
  readonly txnId: string;
  readonly txnNumber: number;
  customerId: string;
  txnDate: string;
  refNumber?: string;
  totalAmount: Money;
  paymentMethod?: string;
  memo?: string;
  depositToAccountId: string;
  externalGuid?: string;
  applications: SimApplication[];
}

export type SimDepositLine =
  | { readonly txnLineId: string; readonly paymentId: string; readonly amount: Money; readonly memo?: string }
  | { readonly txnLineId: string; readonly accountId: string; readonly entityId?: string; readonly memo?: string; readonly amount: Money };

export interface SimDeposit extends Stamped {
  readonly txnId: string;
  readonly txnNumber: number;
  txnDate: string;
  depositToAccountId: string;
  memo?: string;
  externalGuid?: string;
  lines: SimDepositLine[];
}

export interface SimJournalLine {
  readonly txnLineId: string;
  readonly side: 'debit' | 'credit';
  readonly accountId: string;
  /** Never negative: the side says which way it goes (Intuit: never send a negative amount). */
  readonly amount: Money;
  /** A customer; required on an Accounts Receivable line. */
  readonly entityId?: string;
  readonly memo?: string;
}

/**
 * A general journal entry. A debit line to Accounts Receivable naming a customer is an open
 * receivable of that customer, which payments may be applied to like an invoice.
 */
export interface SimJournalEntry extends Stamped {
  readonly txnId: string;
  readonly txnNumber: number;
  txnDate: string;
  refNumber?: string;
  memo?: string;
  isAdjustment?: boolean;
  externalGuid?: string;
  lines: SimJournalLine[];
}

export interface SimDeletedTxn {
  readonly txnDelType: string;
  readonly txnId: string;
  readonly created: Date;
  readonly deleted: Date;
  readonly refNumber?: string;
}

export interface SimDeletedList {
  readonly listDelType: string;
  readonly listId: string;
  readonly created: Date;
  readonly deleted: Date;
  readonly fullName?: string;
}
