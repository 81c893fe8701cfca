import { QboCompany } from './qbo-company';
import { UNDEPOSITED_FUNDS_ID } from './company-balances';
import { SERVICES_ITEM_ID } from './invoice-lines';

/**
 * The objects every new company starts with, with sandbox Ids where they are known:
 * Undeposited Funds "4" (OBS udf-fixture); the other Ids are UNVERIFIED.
 */
export function seedChartOfAccounts(company: QboCompany): void {
  const account = (id: string, Name: string, AccountType: string, AccountSubType: string, Classification: string) =>
    company.insertWithId('Account', id, { Name, AccountType, AccountSubType, Classification, Active: true, SubAccount: false });
  account('1', 'Services', 'Income', 'ServiceFeeIncome', 'Revenue');
  account(UNDEPOSITED_FUNDS_ID, 'Undeposited Funds', 'Other Current Asset', 'UndepositedFunds', 'Asset');
  account('35', 'Checking', 'Bank', 'Checking', 'Asset');
  account('36', 'Savings', 'Bank', 'Savings', 'Asset');
  account('84', 'Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable', 'Asset');
  company.insertWithId('Item', SERVICES_ITEM_ID, { Name: 'Services', Type: 'Service', Active: true, IncomeAccountRef: { value: '1' } });
}
