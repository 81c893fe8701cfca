import { Money } from '../../../../core/values/money';
import { moneyAt } from '../reader/qbxml-values';
import { XmlNode, textOf } from '../reader/xml-node';
import { ListHeader, readListHeader } from './txn-header';

/** A CustomerRet (customers and their jobs). */
export interface CustomerRecord extends ListHeader {
  readonly type: 'CustomerRet';
  readonly companyName?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly balance?: Money;
  readonly totalBalance?: Money;
  readonly jobStatus?: string;
  /** Set by the application that added it: ours carries the outbox row's id. */
  readonly externalGuid?: string;
}

export function readCustomerRet(node: XmlNode): CustomerRecord {
  return {
    type: 'CustomerRet',
    ...readListHeader(node),
    companyName: textOf(node, 'CompanyName'),
    firstName: textOf(node, 'FirstName'),
    lastName: textOf(node, 'LastName'),
    phone: textOf(node, 'Phone'),
    email: textOf(node, 'Email'),
    balance: moneyAt(node, 'Balance'),
    totalBalance: moneyAt(node, 'TotalBalance'),
    jobStatus: textOf(node, 'JobStatus'),
    externalGuid: textOf(node, 'ExternalGUID'),
  };
}
