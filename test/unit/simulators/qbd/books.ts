import { journalEntryAdd } from './hand-requests';
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

/** A debit to A/R for the customer and a credit to the bank: what a returned payment is booked as. */
export function arEntry(env: ReturnType<typeof books>, amount = '40.00', refNumber = 'JE-1') {
  return journalEntryAdd('je', {
    txnDate: '2026-11-01',
    refNumber,
    memo: 'Returned payment',
    externalGuid: GUID,
    lines: [
      { side: 'debit', account: { listId: env.ar.listId }, amount, memo: 'owed again', entity: { listId: env.customer.listId } },
      { side: 'credit', account: { fullName: 'Checking' }, amount },
    ],
  });
}
