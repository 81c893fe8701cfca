/** A reference to another record (reference §5): `{ value: Id, name }`. */
export interface QboRef {
  readonly value: string;
  readonly name?: string;
}

export interface QboMetaData {
  readonly CreateTime?: string;
  readonly LastUpdatedTime?: string;
}

/** An invoice line (reference §5.2): a sales line, a group of them, a discount, a subtotal, a description. */
export interface QboLine {
  readonly Id?: string;
  readonly LineNum?: number;
  readonly Description?: string;
  readonly Amount?: number;
  readonly DetailType?: string;
  readonly SalesItemLineDetail?: { readonly ItemRef?: QboRef; readonly Qty?: number; readonly UnitPrice?: number };
  readonly GroupLineDetail?: { readonly GroupItemRef?: QboRef; readonly Line?: readonly QboLine[] };
}

export interface QboInvoice {
  readonly Id: string;
  readonly SyncToken: string;
  readonly MetaData?: QboMetaData;
  readonly CustomerRef: QboRef;
  readonly DocNumber?: string;
  readonly TxnDate: string;
  readonly DueDate?: string;
  readonly PrivateNote?: string;
  readonly CustomerMemo?: { readonly value?: string };
  readonly Line?: readonly QboLine[];
  readonly TxnTaxDetail?: { readonly TotalTax?: number };
  readonly TotalAmt: number;
  readonly Balance: number;
}

export interface QboCustomer {
  readonly Id: string;
  readonly SyncToken: string;
  readonly MetaData?: QboMetaData;
  readonly DisplayName: string;
  readonly FullyQualifiedName?: string;
  readonly CompanyName?: string;
  readonly PrimaryEmailAddr?: { readonly Address?: string };
  readonly PrimaryPhone?: { readonly FreeFormNumber?: string };
  readonly Active?: boolean;
  readonly Balance?: number;
  readonly BalanceWithJobs?: number;
}

/** A CDC tombstone (reference §4): only the Id, `status: "Deleted"` and when. */
export interface QboTombstone {
  readonly Id: string;
  readonly status: 'Deleted';
  readonly MetaData?: QboMetaData;
}

export function isTombstone(record: object): record is QboTombstone {
  return (record as { status?: unknown }).status === 'Deleted';
}
