import { LocalDate } from '../../../../core/values/instant';
import { Money } from '../../../../core/values/money';
import { QbRef, boolAt, dateAt, requiredDateAt, requiredMoneyAt, requiredRefAt, requiredTextAt } from '../reader/qbxml-values';
import { XmlNode, childOf, childrenOf, textOf } from '../reader/xml-node';

/** A HostRet: which QuickBooks answered and which qbXML versions it speaks. */
export interface HostRecord {
  readonly type: 'HostRet';
  readonly productName: string;
  readonly majorVersion: string;
  readonly minorVersion?: string;
  readonly country?: string;
  readonly supportedVersions: readonly string[];
  readonly isAutomaticLogin?: boolean;
  readonly qbFileMode?: string;
}

export interface DataExtRecord {
  readonly ownerId?: string;
  readonly name: string;
  readonly type?: string;
  readonly value: string;
}

/** A CompanyRet: the company's identity, and our FileID data extension when we set one. */
export interface CompanyRecord {
  readonly type: 'CompanyRet';
  readonly companyName?: string;
  readonly legalCompanyName?: string;
  readonly dataExt: readonly DataExtRecord[];
}

/** The parts of PreferencesRet the sync needs. */
export interface PreferencesRecord {
  readonly type: 'PreferencesRet';
  readonly isMultiCurrencyOn?: boolean;
  readonly isAutoApplyingPayments?: boolean;
  readonly isAutomaticLoginAllowed?: boolean;
  readonly closingDate?: LocalDate;
}

/** A ReceivePaymentToDepositRet: a payment waiting in Undeposited Funds. */
export interface ReceivePaymentToDepositRecord {
  readonly type: 'ReceivePaymentToDepositRet';
  readonly txnId: string;
  readonly txnLineId?: string;
  readonly txnType: string;
  readonly customerRef: QbRef;
  readonly txnDate: LocalDate;
  readonly refNumber?: string;
  readonly amount: Money;
}

export function readHostRet(node: XmlNode): HostRecord {
  return {
    type: 'HostRet',
    productName: requiredTextAt(node, 'ProductName'),
    majorVersion: requiredTextAt(node, 'MajorVersion'),
    minorVersion: textOf(node, 'MinorVersion'),
    country: textOf(node, 'Country'),
    supportedVersions: childrenOf(node, 'SupportedQBXMLVersion').map((v) => v.text.trim()),
    isAutomaticLogin: boolAt(node, 'IsAutomaticLogin'),
    qbFileMode: textOf(node, 'QBFileMode'),
  };
}

export function readCompanyRet(node: XmlNode): CompanyRecord {
  return {
    type: 'CompanyRet',
    companyName: textOf(node, 'CompanyName'),
    legalCompanyName: textOf(node, 'LegalCompanyName'),
    dataExt: childrenOf(node, 'DataExtRet').map((d) => ({
      ownerId: textOf(d, 'OwnerID'),
      name: requiredTextAt(d, 'DataExtName'),
      type: textOf(d, 'DataExtType'),
      value: textOf(d, 'DataExtValue') ?? '',
    })),
  };
}

export function readPreferencesRet(node: XmlNode): PreferencesRecord {
  const accounting = childOf(node, 'AccountingPreferences');
  const multiCurrency = childOf(node, 'MultiCurrencyPreferences');
  const sales = childOf(node, 'SalesAndCustomersPreferences');
  const access = childOf(node, 'CurrentAppAccessRights');
  return {
    type: 'PreferencesRet',
    isMultiCurrencyOn: multiCurrency && boolAt(multiCurrency, 'IsMultiCurrencyOn'),
    isAutoApplyingPayments: sales && boolAt(sales, 'IsAutoApplyingPayments'),
    isAutomaticLoginAllowed: access && boolAt(access, 'IsAutomaticLoginAllowed'),
    closingDate: accounting && dateAt(accounting, 'ClosingDate'),
  };
}

export function readReceivePaymentToDepositRet(node: XmlNode): ReceivePaymentToDepositRecord {
  return {
    type: 'ReceivePaymentToDepositRet',
    txnId: requiredTextAt(node, 'TxnID'),
    txnLineId: textOf(node, 'TxnLineID'),
    txnType: requiredTextAt(node, 'TxnType'),
    customerRef: requiredRefAt(node, 'CustomerRef'),
    txnDate: requiredDateAt(node, 'TxnDate'),
    refNumber: textOf(node, 'RefNumber'),
    amount: requiredMoneyAt(node, 'Amount'),
  };
}
