import { Instant } from '../../../../core/values/instant';
import { instantAt, requiredInstantAt, requiredTextAt } from '../reader/qbxml-values';
import { XmlNode, textOf } from '../reader/xml-node';

/** A TxnDeletedRet: a transaction deleted in the last ~90 days. */
export interface TxnDeletedRecord {
  readonly type: 'TxnDeletedRet';
  readonly txnDelType: string;
  readonly txnId: string;
  readonly timeCreated: Instant;
  readonly timeDeleted: Instant;
  readonly refNumber?: string;
}

/** A ListDeletedRet: a list object (customer, account...) deleted in the last ~90 days. */
export interface ListDeletedRecord {
  readonly type: 'ListDeletedRet';
  readonly listDelType: string;
  readonly listId: string;
  readonly timeCreated: Instant;
  readonly timeDeleted: Instant;
  readonly fullName?: string;
}

/** What a TxnDelRs carries (no Ret element: the fields sit in the Rs itself). */
export interface TxnDelResultRecord {
  readonly type: 'TxnDelResult';
  readonly txnDelType: string;
  readonly txnId: string;
  readonly timeDeleted?: Instant;
  readonly refNumber?: string;
}

export function readTxnDeletedRet(node: XmlNode): TxnDeletedRecord {
  return {
    type: 'TxnDeletedRet',
    txnDelType: requiredTextAt(node, 'TxnDelType'),
    txnId: requiredTextAt(node, 'TxnID'),
    timeCreated: requiredInstantAt(node, 'TimeCreated'),
    timeDeleted: requiredInstantAt(node, 'TimeDeleted'),
    refNumber: textOf(node, 'RefNumber'),
  };
}

export function readListDeletedRet(node: XmlNode): ListDeletedRecord {
  return {
    type: 'ListDeletedRet',
    listDelType: requiredTextAt(node, 'ListDelType'),
    listId: requiredTextAt(node, 'ListID'),
    timeCreated: requiredInstantAt(node, 'TimeCreated'),
    timeDeleted: requiredInstantAt(node, 'TimeDeleted'),
    fullName: textOf(node, 'FullName'),
  };
}

export function readTxnDelRs(node: XmlNode): TxnDelResultRecord {
  return {
    type: 'TxnDelResult',
    txnDelType: requiredTextAt(node, 'TxnDelType'),
    txnId: requiredTextAt(node, 'TxnID'),
    timeDeleted: instantAt(node, 'TimeDeleted'),
    refNumber: textOf(node, 'RefNumber'),
  };
}
