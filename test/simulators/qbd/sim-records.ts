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
  readonly itemName: string;
  readonly desc?: string;
  readonly quantity?: string;
  readonly rate?: string;
  readonly amount: Money;
}

/** An amount of a payment or credit memo applied to one invoice. */
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
