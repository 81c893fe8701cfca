import { buildTxnQuery } from '../../../../adapters/qbd/qbxml/requests/txn-queries';
import { Money } from '../../../../core/values/money';
import { newCompany } from './sim-harness';

export const m = (s: string) => s as Money;
export const lines = (...amounts: string[]) => amounts.map((a, i) => ({ itemName: 'Work', desc: `line ${i}`, amount: m(a) }));

/** A company with one customer and one invoice of 100.00 in two lines: where most simulator tests start. */
export function oneInvoice() {
  const env = newCompany();
  const customer = env.company.addCustomer({ name: 'Smith & Sons' });
  const invoice = env.company.addInvoice({ customerId: customer.listId, txnDate: '2026-11-01', refNumber: '1001', lines: lines('60.00', '40.00') });
  return { ...env, customer, invoice };
}

/** One invoice by TxnID, with its links and lines. */
export const invoiceQuery = (txnId: string) =>
  buildTxnQuery('invoice', { requestId: 'iq', select: { txnIds: [txnId] }, includeLinkedTxns: true, includeLineItems: true });
