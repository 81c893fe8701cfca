import { Money } from '../../../../core/values/money';
import { moneyAt, requiredTextAt } from '../reader/qbxml-values';
import { XmlNode, textOf } from '../reader/xml-node';
import { ListHeader, readListHeader } from './txn-header';

/** An AccountRet of the chart of accounts. */
export interface AccountRecord extends ListHeader {
  readonly type: 'AccountRet';
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
    accountType: requiredTextAt(node, 'AccountType'),
    specialAccountType: textOf(node, 'SpecialAccountType'),
    accountNumber: textOf(node, 'AccountNumber'),
    desc: textOf(node, 'Desc'),
    balance: moneyAt(node, 'Balance'),
    totalBalance: moneyAt(node, 'TotalBalance'),
  };
}
