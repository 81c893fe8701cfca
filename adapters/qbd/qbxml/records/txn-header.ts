import { Instant } from '../../../../core/values/instant';
import { QbRef, boolAt, intAt, refAt, requiredInstantAt, requiredTextAt } from '../reader/qbxml-values';
import { XmlNode } from '../reader/xml-node';

/** What every transaction Ret starts with. */
export interface TxnHeader {
  readonly txnId: string;
  readonly timeCreated: Instant;
  readonly timeModified: Instant;
  /** QuickBooks' version of the record; a Mod or Del must send the latest (else 3200). */
  readonly editSequence: string;
  readonly txnNumber?: number;
}

export function readTxnHeader(node: XmlNode): TxnHeader {
  return {
    txnId: requiredTextAt(node, 'TxnID'),
    timeCreated: requiredInstantAt(node, 'TimeCreated'),
    timeModified: requiredInstantAt(node, 'TimeModified'),
    editSequence: requiredTextAt(node, 'EditSequence'),
    txnNumber: intAt(node, 'TxnNumber'),
  };
}

/** What every hierarchical list Ret (Customer, Account) starts with. */
export interface ListHeader {
  readonly listId: string;
  readonly timeCreated: Instant;
  readonly timeModified: Instant;
  readonly editSequence: string;
  readonly name: string;
  /** The colon-joined path (`Parent:Child`). */
  readonly fullName: string;
  readonly isActive: boolean;
  readonly parentRef?: QbRef;
  /** 0 at the top level. */
  readonly sublevel: number;
}

export function readListHeader(node: XmlNode): ListHeader {
  return {
    listId: requiredTextAt(node, 'ListID'),
    timeCreated: requiredInstantAt(node, 'TimeCreated'),
    timeModified: requiredInstantAt(node, 'TimeModified'),
    editSequence: requiredTextAt(node, 'EditSequence'),
    name: requiredTextAt(node, 'Name'),
    fullName: requiredTextAt(node, 'FullName'),
    // The schema makes IsActive optional; QuickBooks always sends it, and absent means active.
    isActive: boolAt(node, 'IsActive') ?? true,
    parentRef: refAt(node, 'ParentRef'),
    sublevel: intAt(node, 'Sublevel') ?? 0,
  };
}
