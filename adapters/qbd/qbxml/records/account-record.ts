import { Money } from '../../../../core/values/money';
import { QbRef, boolAt, intAt, moneyAt, refAt, requiredTextAt } from '../reader/qbxml-values';
import { XmlNode, textOf } from '../reader/xml-node';
import { ListHeader, readListHeader } from './txn-header';

/** An AccountRet of the chart of accounts. */
export interface AccountRecord extends ListHeader {
  readonly type: 'AccountRet';
  readonly name: string;
  readonly fullName: string;
  readonly isActive: boolean;
  readonly parentRef?: QbRef;
  readonly sublevel: number;
  /** Bank, OtherCurrentAsset, Income, ... */
  readonly accountType: string;
  /** UndepositedFunds, AccountsReceivable, ... when QuickBooks reserves the account. */
  readonly specialAccountType?: string;
  readonly accountNumber?: string;
  readonly desc?: string;
  readonly balance?: Money;
  readonly totalBalance?: Money;
}

export function readAccountRet(node: XmlNode): AccountRecord {
  return {
    type: 'AccountRet',
    ...readListHeader(node),
    name: requiredTextAt(node, 'Name'),
    fullName: requiredTextAt(node, 'FullName'),
    isActive: boolAt(node, 'IsActive') ?? true,
    parentRef: refAt(node, 'ParentRef'),
    sublevel: intAt(node, 'Sublevel') ?? 0,
    accountType: requiredTextAt(node, 'AccountType'),
    specialAccountType: textOf(node, 'SpecialAccountType'),
    accountNumber: textOf(node, 'AccountNumber'),
    desc: textOf(node, 'Desc'),
    balance: moneyAt(node, 'Balance'),
    totalBalance: moneyAt(node, 'TotalBalance'),
  };
}
