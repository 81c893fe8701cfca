import { LocalDate } from '../../../../core/values/instant';
import { Money } from '../../../../core/values/money';
import { QbRef, moneyAt, refAt, requiredDateAt, requiredMoneyAt, requiredRefAt, requiredTextAt } from '../reader/qbxml-values';
import { XmlNode, childrenOf, textOf } from '../reader/xml-node';
import { TxnHeader, readTxnHeader } from './txn-header';

/** A DepositLineRet; TxnType/TxnID are set when the line deposits a payment. */
export interface DepositLineRecord {
  readonly txnType?: string;
  readonly txnId?: string;
  readonly txnLineId: string;
  readonly paymentTxnLineId?: string;
  readonly entityRef?: QbRef;
  readonly accountRef?: QbRef;
  readonly memo?: string;
  readonly checkNumber?: string;
  readonly amount?: Money;
}

/** A DepositRet. */
export interface DepositRecord extends TxnHeader {
  readonly type: 'DepositRet';
  readonly txnDate: LocalDate;
  readonly depositToAccountRef: QbRef;
  readonly memo?: string;
  readonly depositTotal: Money;
  /** Our braced operation id, when we wrote the deposit (qbXML 9.0+). */
  readonly externalGuid?: string;
  readonly lines: readonly DepositLineRecord[];
}

export function readDepositRet(node: XmlNode): DepositRecord {
  return {
    type: 'DepositRet',
    ...readTxnHeader(node),
    txnDate: requiredDateAt(node, 'TxnDate'),
    depositToAccountRef: requiredRefAt(node, 'DepositToAccountRef'),
    memo: textOf(node, 'Memo'),
    depositTotal: requiredMoneyAt(node, 'DepositTotal'),
    externalGuid: textOf(node, 'ExternalGUID'),
    lines: childrenOf(node, 'DepositLineRet').map((l) => ({
      txnType: textOf(l, 'TxnType'),
      txnId: textOf(l, 'TxnID'),
      txnLineId: requiredTextAt(l, 'TxnLineID'),
      paymentTxnLineId: textOf(l, 'PaymentTxnLineID'),
      entityRef: refAt(l, 'EntityRef'),
      accountRef: refAt(l, 'AccountRef'),
      memo: textOf(l, 'Memo'),
      checkNumber: textOf(l, 'CheckNumber'),
      amount: moneyAt(l, 'Amount'),
    })),
  };
}
