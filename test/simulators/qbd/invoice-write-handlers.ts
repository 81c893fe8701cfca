import { LineFields, pricedLine } from './invoice-lines';
import { QuickBooksCompany } from './quickbooks-company';
import { RequestNode, child, children, text } from './request-node';
import { invoiceRet } from './ret-writers';
import { WriteHandler, limited, ok, optionalAmount, refOf, refuseUnmodelled } from './write-parts';

// What would change an invoice's money or links in ways the simulator does not follow (tax,
// currency, credits, groups, discount lines). Other presentation fields are taken and ignored.
const UNMODELLED_ADD = [
  'ItemSalesTaxRef',
  'IsTaxIncluded',
  'ExchangeRate',
  'LinkToTxnID',
  'SetCredit',
  'InvoiceLineGroupAdd',
  'DiscountLineAdd',
  'SalesTaxLineAdd',
  'ShippingLineAdd',
];
const UNMODELLED_MOD = ['CustomerRef', 'ARAccountRef', 'ItemSalesTaxRef', 'IsTaxIncluded', 'ExchangeRate', 'SetCredit', 'InvoiceLineGroupMod'];
const UNMODELLED_LINE = ['RatePercent', 'PriceLevelRef', 'TaxAmount', 'LinkToTxn'];

/** What an InvoiceLineAdd or InvoiceLineMod says, its ItemRef resolved (unknown: 3140). */
function lineFields(company: QuickBooksCompany, line: RequestNode): LineFields {
  refuseUnmodelled(line, UNMODELLED_LINE, line.name);
  const item = refOf(child(line, 'ItemRef'));
  return {
    itemName: item ? company.findItem(item, 'Invoice') : undefined,
    desc: text(line, 'Desc'),
    quantity: text(line, 'Quantity'),
    rate: text(line, 'Rate'),
    amount: optionalAmount(line, 'Amount'),
  };
}

/** InvoiceAdd and InvoiceMod, for invoices an outside system writes; answers carry the lines. */
export const INVOICE_WRITE_HANDLERS: Record<string, WriteHandler> = {
  InvoiceAddRq(rq, { company }) {
    const add = child(rq, 'InvoiceAdd')!;
    refuseUnmodelled(add, UNMODELLED_ADD, 'InvoiceAdd');
    const customer = company.findCustomer(refOf(child(add, 'CustomerRef'))!, 'Invoice');
    const invoice = company.addInvoice({
      customerId: customer.listId,
      txnDate: text(add, 'TxnDate'),
      refNumber: limited(text(add, 'RefNumber'), 11, 'RefNumber'),
      dueDate: text(add, 'DueDate'),
      memo: text(add, 'Memo'),
      externalGuid: text(add, 'ExternalGUID'),
      lines: children(add, 'InvoiceLineAdd').map((l) => pricedLine(lineFields(company, l))),
    });
    return ok(rq, 'InvoiceAddRs', invoiceRet(company, invoice, { includeLineItems: true }).lines());
  },

  InvoiceModRq(rq, { company }) {
    const mod = child(rq, 'InvoiceMod')!;
    refuseUnmodelled(mod, UNMODELLED_MOD, 'InvoiceMod');
    const txnId = text(mod, 'TxnID')!;
    const editSequence = text(mod, 'EditSequence')!;
    // Not found (3120) and stale (3200) come before anything about the lines.
    company.checkEditSequence(company.invoice(txnId), editSequence);
    const lineMods = children(mod, 'InvoiceLineMod');
    const invoice = company.modifyInvoice(txnId, editSequence, {
      txnDate: text(mod, 'TxnDate'),
      refNumber: limited(text(mod, 'RefNumber'), 11, 'RefNumber'),
      dueDate: text(mod, 'DueDate'),
      memo: text(mod, 'Memo'),
      lines: lineMods.length > 0 ? lineMods.map((l) => ({ txnLineId: text(l, 'TxnLineID')!, ...lineFields(company, l) })) : undefined,
    });
    return ok(rq, 'InvoiceModRs', invoiceRet(company, invoice, { includeLineItems: true }).lines());
  },
};
