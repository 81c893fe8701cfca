import { Money } from '../../../../core/values/money';
import { QbRef, boolAt, intAt, moneyAt, refAt, requiredTextAt } from '../reader/qbxml-values';
import { XmlNode, textOf } from '../reader/xml-node';
import { ListHeader, readListHeader } from './txn-header';

/** A CustomerRet (customers and their jobs). */
export interface CustomerRecord extends ListHeader {
  readonly type: 'CustomerRet';
  readonly name: string;
  readonly fullName: string;
  readonly isActive: boolean;
  readonly parentRef?: QbRef;
  /** 0 for a customer, 1+ for its jobs. */
  readonly sublevel: number;
  readonly companyName?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly balance?: Money;
  readonly totalBalance?: Money;
  readonly jobStatus?: string;
}

export function readCustomerRet(node: XmlNode): CustomerRecord {
  return {
    type: 'CustomerRet',
    ...readListHeader(node),
    name: requiredTextAt(node, 'Name'),
    fullName: requiredTextAt(node, 'FullName'),
    // The schema makes IsActive optional; QuickBooks always sends it, and absent means active.
    isActive: boolAt(node, 'IsActive') ?? true,
    parentRef: refAt(node, 'ParentRef'),
    sublevel: intAt(node, 'Sublevel') ?? 0,
    companyName: textOf(node, 'CompanyName'),
    firstName: textOf(node, 'FirstName'),
    lastName: textOf(node, 'LastName'),
    phone: textOf(node, 'Phone'),
    email: textOf(node, 'Email'),
    balance: moneyAt(node, 'Balance'),
    totalBalance: moneyAt(node, 'TotalBalance'),
    jobStatus: textOf(node, 'JobStatus'),
  };
}
