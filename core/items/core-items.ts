import { ACCOUNT_FIELD_GROUPS, parseAccount } from './account';
import { CUSTOMER_FIELD_GROUPS, parseCustomer } from './customer';
import { DEPOSIT_FIELD_GROUPS, parseDeposit } from './deposit';
import { INVOICE_FIELD_GROUPS, INVOICE_STATUSES, parseInvoice } from './invoice';
import { PAYMENT_FIELD_GROUPS, PAYMENT_STATUSES, parsePayment } from './payment';
import { ItemDescriptor, defineItem } from './item-descriptor';

/** The items every installation knows, whatever plugins are loaded. */
export const CORE_ITEMS: readonly ItemDescriptor[] = [
  defineItem({ kind: 'customer', description: 'A customer or job', fieldGroups: CUSTOMER_FIELD_GROUPS, parse: parseCustomer }),
  defineItem({
    kind: 'invoice',
    description: 'An invoice with its line items',
    fieldGroups: INVOICE_FIELD_GROUPS,
    statuses: INVOICE_STATUSES,
    parse: parseInvoice,
  }),
  defineItem({
    kind: 'payment',
    description: 'A payment applied to invoices',
    fieldGroups: PAYMENT_FIELD_GROUPS,
    statuses: PAYMENT_STATUSES,
    parse: parsePayment,
  }),
  defineItem({ kind: 'deposit', description: 'A payout of payments into a bank account', fieldGroups: DEPOSIT_FIELD_GROUPS, parse: parseDeposit }),
  defineItem({ kind: 'account', description: 'An account of the chart of accounts', fieldGroups: ACCOUNT_FIELD_GROUPS, parse: parseAccount }),
];
