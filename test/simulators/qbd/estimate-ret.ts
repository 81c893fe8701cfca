import { RetWriter } from './answer-writer';
import { QuickBooksCompany } from './quickbooks-company';
import { RetDetail, customerRef, salesLines, stamps } from './ret-writers';
import { SimEstimate } from './sim-records';

/**
 * EstimateRet in the 13.0 schema's order (qbxml130.xsd; the protocol reference has no section on
 * estimates): TxnCore, CustomerRef, TxnDate, RefNumber, IsActive, DueDate, Subtotal,
 * SalesTaxTotal, TotalAmount, Memo, then the lines when asked for. No LinkedTxn: the simulator
 * makes no invoice from an estimate.
 */
export function estimateRet(company: QuickBooksCompany, e: SimEstimate, detail: RetDetail): RetWriter {
  const w = new RetWriter('EstimateRet').el('TxnID', e.txnId);
  stamps(w, company, e);
  w.el('TxnNumber', e.txnNumber).ref('CustomerRef', customerRef(company, e.customerId)).el('TxnDate', e.txnDate).el('RefNumber', e.refNumber);
  w.el('IsActive', e.isActive).el('DueDate', e.dueDate);
  w.el('Subtotal', company.estimateSubtotal(e)).el('SalesTaxTotal', e.salesTaxTotal).el('TotalAmount', company.estimateTotal(e)).el('Memo', e.memo);
  if (detail.includeLineItems) salesLines(w, 'EstimateLineRet', e.lines);
  return w;
}
