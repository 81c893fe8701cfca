import { newCompany } from './sim-harness';

/** A small company for the write tests: one customer and the accounts by name. */
export function books() {
  const env = newCompany();
  const { company } = env;
  const account = (name: string) => [...company.accounts.values()].find((a) => a.name === name)!;
  const customer = company.addCustomer({ name: 'Smith & Sons' });
  return {
    ...env,
    customer,
    ar: company.accountsReceivable,
    uf: company.undepositedFunds,
    checking: account('Checking'),
    sales: account('Sales'),
    fees: account('Merchant Fees'),
  };
}

export const GUID = '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}';
