import { LocalDate } from '../../../../core/values/instant';
import { Money } from '../../../../core/values/money';
import { QbRef, dateAt, decimalAt, moneyAt, refAt, requiredMoneyAt, requiredRefAt, requiredTextAt } from '../reader/qbxml-values';
import { XmlNode, childrenOf, textOf } from '../reader/xml-node';

/** An InvoiceLineRet / CreditMemoLineRet. */
export interface SalesLineRecord {
  readonly kind: 'line';
  readonly txnLineId: string;
  readonly itemRef?: QbRef;
  readonly desc?: string;
  readonly quantity?: string;
  readonly rate?: string;
  readonly ratePercent?: string;
  readonly amount?: Money;
  readonly serviceDate?: LocalDate;
  readonly salesTaxCodeRef?: QbRef;
}

/** An InvoiceLineGroupRet / CreditMemoLineGroupRet: an item group with its own lines. */
export interface SalesLineGroupRecord {
  readonly kind: 'group';
  readonly txnLineId: string;
  readonly itemGroupRef: QbRef;
  readonly desc?: string;
  readonly quantity?: string;
  readonly totalAmount: Money;
  readonly lines: readonly SalesLineRecord[];
}

/** A LinkedTxn: a payment or credit applied to this transaction, or what it was applied to. */
export interface LinkedTxnRecord {
  readonly txnId: string;
  readonly txnType: string;
  readonly txnDate?: LocalDate;
  readonly refNumber?: string;
  readonly linkType?: string;
  readonly amount: Money;
}

export function readSalesLine(node: XmlNode): SalesLineRecord {
  return {
    kind: 'line',
    txnLineId: requiredTextAt(node, 'TxnLineID'),
    itemRef: refAt(node, 'ItemRef'),
    desc: textOf(node, 'Desc'),
    quantity: decimalAt(node, 'Quantity'),
    rate: decimalAt(node, 'Rate'),
    ratePercent: decimalAt(node, 'RatePercent'),
    amount: moneyAt(node, 'Amount'),
    serviceDate: dateAt(node, 'ServiceDate'),
    salesTaxCodeRef: refAt(node, 'SalesTaxCodeRef'),
  };
}

/** Reads the line and group children of a sales transaction, in document order. */
export function readSalesLines(node: XmlNode, lineName: string, groupName: string): (SalesLineRecord | SalesLineGroupRecord)[] {
  const lines: (SalesLineRecord | SalesLineGroupRecord)[] = [];
  for (const child of node.children) {
    if (child.name === lineName) lines.push(readSalesLine(child));
    else if (child.name === groupName) {
      lines.push({
        kind: 'group',
        txnLineId: requiredTextAt(child, 'TxnLineID'),
        itemGroupRef: requiredRefAt(child, 'ItemGroupRef'),
        desc: textOf(child, 'Desc'),
        quantity: decimalAt(child, 'Quantity'),
        totalAmount: requiredMoneyAt(child, 'TotalAmount'),
        lines: childrenOf(child, lineName).map(readSalesLine),
      });
    }
  }
  return lines;
}

export function readLinkedTxns(node: XmlNode): LinkedTxnRecord[] {
  return childrenOf(node, 'LinkedTxn').map((l) => ({
    txnId: requiredTextAt(l, 'TxnID'),
    txnType: requiredTextAt(l, 'TxnType'),
    txnDate: dateAt(l, 'TxnDate'),
    refNumber: textOf(l, 'RefNumber'),
    linkType: textOf(l, 'LinkType'),
    amount: requiredMoneyAt(l, 'Amount'),
  }));
}
