import { LocalDate } from '../../../../core/values/instant';
import { Money } from '../../../../core/values/money';
import { QbRef, dateAt, moneyAt, refAt, requiredDateAt, requiredMoneyAt, requiredRefAt, requiredTextAt } from '../reader/qbxml-values';
import { XmlNode, childrenOf, textOf } from '../reader/xml-node';
import { TxnHeader, readTxnHeader } from './txn-header';

/** One invoice (or other receivable) a payment was applied to. */
export interface AppliedToTxnRecord {
  readonly txnId: string;
  readonly txnType: string;
  readonly txnDate?: LocalDate;
  readonly refNumber?: string;
  /** The invoice's balance after this payment. */
  readonly balanceRemaining?: Money;
  readonly amount?: Money;
  readonly discountAmount?: Money;
}

/** A ReceivePaymentRet. */
export interface ReceivePaymentRecord extends TxnHeader {
  readonly type: 'ReceivePaymentRet';
  readonly customerRef: QbRef;
  readonly arAccountRef?: QbRef;
  readonly txnDate: LocalDate;
  readonly refNumber?: string;
  readonly totalAmount: Money;
  readonly paymentMethodRef?: QbRef;
  readonly memo?: string;
  readonly depositToAccountRef?: QbRef;
  readonly unusedPayment?: Money;
  readonly unusedCredits?: Money;
  readonly externalGuid?: string;
  readonly appliedTo: readonly AppliedToTxnRecord[];
}

export function readReceivePaymentRet(node: XmlNode): ReceivePaymentRecord {
  return {
    type: 'ReceivePaymentRet',
    ...readTxnHeader(node),
    customerRef: requiredRefAt(node, 'CustomerRef'),
    arAccountRef: refAt(node, 'ARAccountRef'),
    txnDate: requiredDateAt(node, 'TxnDate'),
    refNumber: textOf(node, 'RefNumber'),
    totalAmount: requiredMoneyAt(node, 'TotalAmount'),
    paymentMethodRef: refAt(node, 'PaymentMethodRef'),
    memo: textOf(node, 'Memo'),
    depositToAccountRef: refAt(node, 'DepositToAccountRef'),
    unusedPayment: moneyAt(node, 'UnusedPayment'),
    unusedCredits: moneyAt(node, 'UnusedCredits'),
    externalGuid: textOf(node, 'ExternalGUID'),
    appliedTo: childrenOf(node, 'AppliedToTxnRet').map((a) => ({
      txnId: requiredTextAt(a, 'TxnID'),
      txnType: requiredTextAt(a, 'TxnType'),
      txnDate: dateAt(a, 'TxnDate'),
      refNumber: textOf(a, 'RefNumber'),
      balanceRemaining: moneyAt(a, 'BalanceRemaining'),
      amount: moneyAt(a, 'Amount'),
      discountAmount: moneyAt(a, 'DiscountAmount'),
    })),
  };
}
