import { Money, moneyFromCents, moneyToCents } from '../../../core/values/money';
import { QboCompany } from './qbo-company';
import { refValue, SimEntity } from './qbo-records';

/** Undeposited Funds, as in every sandbox company (../shared/reference/qbo-api.md §5.5, OBS udf-fixture). */
export const UNDEPOSITED_FUNDS_ID = '4';

const cents = (value: unknown): bigint => (typeof value === 'string' ? moneyToCents(value as Money) : 0n);

export function invoiceBalance(company: QboCompany, invoice: SimEntity): Money {
  if (invoice.fields.voided) return moneyFromCents(0n);
  return moneyFromCents(cents(invoice.fields.TotalAmt) - company.appliedTo(invoice.id));
}

/** TotalAmt − Σ Line.Amount: stays with the customer as a credit (§5.3). */
export function paymentUnapplied(payment: SimEntity): Money {
  const lines = (payment.fields.Line as { Amount: Money }[] | undefined) ?? [];
  return moneyFromCents(cents(payment.fields.TotalAmt) - lines.reduce((sum, l) => sum + cents(l.Amount), 0n));
}

/** Open A/R of one customer: unpaid invoice balances less unapplied payment credit. */
export function customerBalance(company: QboCompany, customerId: string): Money {
  let total = 0n;
  for (const invoice of company.rows.Invoice.values()) {
    if (refValue(invoice.fields.CustomerRef) === customerId) total += cents(invoiceBalance(company, invoice));
  }
  for (const payment of company.rows.Payment.values()) {
    if (refValue(payment.fields.CustomerRef) === customerId) total -= cents(paymentUnapplied(payment));
  }
  return moneyFromCents(total);
}

/**
 * CurrentBalance of the accounts the simulator's transactions touch: Undeposited Funds holds
 * undeposited payments, a bank account its deposits and the payments deposited straight into
 * it, A/R every open balance. Other accounts show 0 (no ledger is kept for them).
 */
export function accountBalance(company: QboCompany, account: SimEntity): Money {
  let total = 0n;
  if (account.fields.AccountType === 'Accounts Receivable') {
    for (const customer of company.rows.Customer.values()) total += cents(customerBalance(company, customer.id));
    return moneyFromCents(total);
  }
  for (const payment of company.rows.Payment.values()) {
    if (refValue(payment.fields.DepositToAccountRef) === account.id && !company.depositOf.has(payment.id)) total += cents(payment.fields.TotalAmt);
  }
  for (const deposit of company.rows.Deposit.values()) {
    if (refValue(deposit.fields.DepositToAccountRef) === account.id) total += cents(deposit.fields.TotalAmt);
  }
  return moneyFromCents(total);
}
