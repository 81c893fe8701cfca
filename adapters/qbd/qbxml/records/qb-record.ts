import type { IdOnlyRecord } from './id-only-record';
import { XmlNode } from '../reader/xml-node';
import { AccountRecord, readAccountRet } from './account-record';
import {
  CompanyRecord,
  HostRecord,
  PreferencesRecord,
  ReceivePaymentToDepositRecord,
  readCompanyRet,
  readHostRet,
  readPreferencesRet,
  readReceivePaymentToDepositRet,
} from './company-records';
import { CreditMemoRecord, readCreditMemoRet } from './credit-memo-record';
import { CustomerRecord, readCustomerRet } from './customer-record';
import { ListDeletedRecord, TxnDelResultRecord, TxnDeletedRecord, readListDeletedRet, readTxnDelRs, readTxnDeletedRet } from './deleted-records';
import { DepositRecord, readDepositRet } from './deposit-record';
import { EstimateRecord, readEstimateRet } from './estimate-record';
import { InvoiceRecord, readInvoiceRet } from './invoice-record';
import { JournalEntryRecord, readJournalEntryRet } from './journal-entry-record';
import { ReceivePaymentRecord, readReceivePaymentRet } from './receive-payment-record';

/** Every typed record the reader emits, told apart by `type` (the Ret element's name). */
export type QbRecord =
  | InvoiceRecord
  | EstimateRecord
  | CreditMemoRecord
  | CustomerRecord
  | AccountRecord
  | ReceivePaymentRecord
  | DepositRecord
  | JournalEntryRecord
  | TxnDeletedRecord
  | ListDeletedRecord
  | TxnDelResultRecord
  | HostRecord
  | CompanyRecord
  | PreferencesRecord
  | ReceivePaymentToDepositRecord
  | IdOnlyRecord;

/** Ret element name -> its reader. A Ret not listed here is skipped without error. */
export const RET_READERS: Readonly<Record<string, (node: XmlNode) => QbRecord>> = {
  InvoiceRet: readInvoiceRet,
  EstimateRet: readEstimateRet,
  CreditMemoRet: readCreditMemoRet,
  CustomerRet: readCustomerRet,
  AccountRet: readAccountRet,
  ReceivePaymentRet: readReceivePaymentRet,
  DepositRet: readDepositRet,
  JournalEntryRet: readJournalEntryRet,
  TxnDeletedRet: readTxnDeletedRet,
  ListDeletedRet: readListDeletedRet,
  HostRet: readHostRet,
  CompanyRet: readCompanyRet,
  PreferencesRet: readPreferencesRet,
  ReceivePaymentToDepositRet: readReceivePaymentToDepositRet,
};

/** Responses whose answer sits in the Rs element itself rather than in a Ret. */
export const RS_BODY_READERS: Readonly<Record<string, (node: XmlNode) => QbRecord>> = {
  TxnDelRs: readTxnDelRs,
};
