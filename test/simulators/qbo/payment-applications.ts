import { Money } from '../../../core/values/money';

export interface PaymentLine {
  readonly Amount: Money;
  readonly LinkedTxn: readonly { readonly TxnId: string; readonly TxnType: string }[];
}

/** What a payment's lines apply, invoice by invoice (§5.3: Line[].Amount + LinkedTxn). */
export function paymentApplications(lines: readonly unknown[]): { invoiceId: string; amount: Money }[] {
  return (lines as PaymentLine[]).flatMap((l) => l.LinkedTxn.filter((t) => t.TxnType === 'Invoice').map((t) => ({ invoiceId: t.TxnId, amount: l.Amount })));
}
