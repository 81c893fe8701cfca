import { buildCompanyQuery, buildHostQuery, buildPreferencesQuery, buildReceivePaymentToDepositQuery } from './company-queries';
import { buildListDeletedQuery, buildTxnDeletedQuery } from './deleted-queries';
import { buildAccountQuery, buildCustomerQuery } from './list-queries';
import { QbxmlRequest } from './qbxml-request';
import { buildTxnQuery } from './txn-queries';
import { buildCustomerAdd, buildDepositAdd, buildReceivePaymentAdd, buildTxnDel } from './write-requests';
import { buildInvoiceAdd, buildInvoiceMod } from './invoice-writes';
import { buildJournalEntryAdd } from './journal-entry-add';
import { buildReceivePaymentMod } from './receive-payment-mod';

/**
 * Every request the product sends, by the name of its qbXML message. The planner and the
 * golden tests find builders here; each takes one typed input object.
 */
export const REQUEST_BUILDERS = {
  HostQueryRq: buildHostQuery,
  CompanyQueryRq: buildCompanyQuery,
  PreferencesQueryRq: buildPreferencesQuery,
  AccountQueryRq: buildAccountQuery,
  CustomerQueryRq: buildCustomerQuery,
  InvoiceQueryRq: (input: Parameters<typeof buildTxnQuery>[1]) => buildTxnQuery('invoice', input),
  ReceivePaymentQueryRq: (input: Parameters<typeof buildTxnQuery>[1]) => buildTxnQuery('receivePayment', input),
  CreditMemoQueryRq: (input: Parameters<typeof buildTxnQuery>[1]) => buildTxnQuery('creditMemo', input),
  DepositQueryRq: (input: Parameters<typeof buildTxnQuery>[1]) => buildTxnQuery('deposit', input),
  JournalEntryQueryRq: (input: Parameters<typeof buildTxnQuery>[1]) => buildTxnQuery('journalEntry', input),
  TxnDeletedQueryRq: buildTxnDeletedQuery,
  ListDeletedQueryRq: buildListDeletedQuery,
  ReceivePaymentToDepositQueryRq: buildReceivePaymentToDepositQuery,
  ReceivePaymentAddRq: buildReceivePaymentAdd,
  DepositAddRq: buildDepositAdd,
  TxnDelRq: buildTxnDel,
  CustomerAddRq: buildCustomerAdd,
  JournalEntryAddRq: buildJournalEntryAdd,
  ReceivePaymentModRq: buildReceivePaymentMod,
  InvoiceAddRq: buildInvoiceAdd,
  InvoiceModRq: buildInvoiceMod,
} as const satisfies Record<string, (input: never) => QbxmlRequest>;

export type RequestName = keyof typeof REQUEST_BUILDERS;
