import { QboFault } from './qbo-fault';
import { EntityWriter } from './write-common';

const CLASSIFICATION: Record<string, string> = {
  Bank: 'Asset',
  'Accounts Receivable': 'Asset',
  'Other Current Asset': 'Asset',
  'Fixed Asset': 'Asset',
  'Other Asset': 'Asset',
  'Accounts Payable': 'Liability',
  'Credit Card': 'Liability',
  'Other Current Liability': 'Liability',
  'Long Term Liability': 'Liability',
  Equity: 'Equity',
  Income: 'Revenue',
  'Other Income': 'Revenue',
  'Cost of Goods Sold': 'Expense',
  Expense: 'Expense',
  'Other Expense': 'Expense',
};
const SUBTYPE_TYPE: Record<string, string> = {
  Checking: 'Bank',
  Savings: 'Bank',
  MoneyMarket: 'Bank',
  CashOnHand: 'Bank',
  UndepositedFunds: 'Other Current Asset',
};

/** Account rules (../shared/reference/qbo-api.md §5.5): Name required, a type or a sub-type (6010). */
export const accountWriter: EntityWriter = {
  entity: 'Account',
  writable: new Set(['Name', 'AccountType', 'AccountSubType', 'Description', 'AcctNum', 'Active', 'SubAccount', 'ParentRef']),
  deletable: false,
  prepare(company, fields, existing) {
    const name = typeof fields.Name === 'string' ? fields.Name.trim() : '';
    if (!name) throw QboFault.required('Name');
    if (name.length > 100)
      throw new QboFault(
        400,
        '2050',
        'String length is either shorter or longer than supported by specification',
        `Min:0 Max:100 Supplied length:${name.length}`,
        'ValidationFault',
        'Name',
      );
    const type = typeof fields.AccountType === 'string' ? fields.AccountType : SUBTYPE_TYPE[String(fields.AccountSubType)];
    if (!type) throw QboFault.business('Account type or detail type is missing.', '6010');
    if (!CLASSIFICATION[type]) throw new QboFault(400, '2170', 'Invalid Enumeration', `Invalid Enumeration : ${type}`, 'ValidationFault', 'AccountType');
    for (const other of company.rows.Account.values()) {
      if (other.id !== existing?.id && String(other.fields.Name).toLowerCase() === name.toLowerCase()) {
        throw new QboFault(400, '6240', 'Duplicate Name Exists Error', `The name supplied already exists. : Id=${other.id}`, 'ValidationFault', 'Name');
      }
    }
    // Made inactive, an account is renamed with " (deleted)" (OBS spike).
    const inactive = fields.Active === false;
    const shownName = inactive && !name.endsWith(' (deleted)') ? `${name} (deleted)` : name;
    return { ...fields, Name: shownName, AccountType: type, Classification: CLASSIFICATION[type], Active: !inactive };
  },
};
