import { LocalDate } from '../../../../core/values/instant';
import { Money } from '../../../../core/values/money';
import { QbRef, refAt, requiredDateAt, requiredMoneyAt, requiredRefAt, requiredTextAt } from '../reader/qbxml-values';
import { XmlNode, textOf } from '../reader/xml-node';
import { TxnHeader, readTxnHeader } from './txn-header';

/** A JournalDebitLine or JournalCreditLine of a JournalEntryRet. */
export interface JournalLineRecord {
  readonly side: 'debit' | 'credit';
  readonly txnLineId: string;
  readonly accountRef: QbRef;
  readonly amount: Money;
  readonly memo?: string;
  readonly entityRef?: QbRef;
}

/** A JournalEntryRet. */
export interface JournalEntryRecord extends TxnHeader {
  readonly type: 'JournalEntryRet';
  readonly txnDate: LocalDate;
  readonly refNumber?: string;
  readonly memo?: string;
  /** Our braced operation id, when we wrote the entry (qbXML 9.0+). */
  readonly externalGuid?: string;
  readonly lines: readonly JournalLineRecord[];
}

export function readJournalEntryRet(node: XmlNode): JournalEntryRecord {
  return {
    type: 'JournalEntryRet',
    ...readTxnHeader(node),
    txnDate: requiredDateAt(node, 'TxnDate'),
    refNumber: textOf(node, 'RefNumber'),
    memo: textOf(node, 'Memo'),
    externalGuid: textOf(node, 'ExternalGUID'),
    // Debit and credit lines come mixed, in the entry's own order.
    lines: node.children
      .filter((c) => c.name === 'JournalDebitLine' || c.name === 'JournalCreditLine')
      .map((l) => ({
        side: l.name === 'JournalDebitLine' ? ('debit' as const) : ('credit' as const),
        txnLineId: requiredTextAt(l, 'TxnLineID'),
        accountRef: requiredRefAt(l, 'AccountRef'),
        amount: requiredMoneyAt(l, 'Amount'),
        memo: textOf(l, 'Memo'),
        entityRef: refAt(l, 'EntityRef'),
      })),
  };
}
