import { AppError } from '../../../../core/errors/app-error';
import { LocalDate } from '../../../../core/values/instant';
import { Money } from '../../../../core/values/money';
import { qbText } from './qb-text';
import { QbxmlRequest, checkRequestId } from './qbxml-request';
import { QbxmlWriter } from './qbxml-writer';
import { RefInput, checkIds, writeRef } from './query-parts';
import { checkDate, externalGuid } from './write-parts';

/** An invoice line as we write it: an item, what it says, and its price. */
export interface InvoiceLineInput {
  /** The item's FullName; QuickBooks needs one on a line with an amount. */
  readonly item: string;
  readonly description?: string;
  /** Decimal strings (QUANTYPE, PRICETYPE). */
  readonly quantity?: string;
  readonly rate?: string;
  readonly amount: Money;
}

export interface InvoiceAddInput {
  readonly requestId: string;
  readonly customer: RefInput;
  readonly txnDate?: LocalDate;
  /** The invoice number (at most 11 characters); QuickBooks numbers it when absent. */
  readonly refNumber?: string;
  readonly dueDate?: LocalDate;
  readonly memo?: string;
  readonly externalGuid?: string;
  readonly lines: readonly InvoiceLineInput[];
}

function writeLine(w: QbxmlWriter, line: InvoiceLineInput, at: string): void {
  w.open('ItemRef')
    .el('FullName', qbText(line.item, { field: `${at}/ItemRef/FullName`, max: 159, overflow: 'refuse' }))
    .close('ItemRef');
  w.el('Desc', line.description && qbText(line.description, { field: `${at}/Desc`, max: 4095, overflow: 'truncate' }));
  w.el('Quantity', line.quantity).el('Rate', line.rate).el('Amount', line.amount);
}

function checkLines(lines: readonly InvoiceLineInput[]): void {
  if (lines.length === 0) throw new AppError('invalid', 'An invoice needs at least one line.');
  if (lines.some((l) => !l.item?.trim())) throw new AppError('invalid', 'Every invoice line needs the QuickBooks item it is sold under.');
}

/**
 * InvoiceAddRq: CustomerRef, TxnDate?, RefNumber?, DueDate?, Memo?, ExternalGUID?, InvoiceLineAdd+
 * (ItemRef, Desc?, Quantity?, Rate?, Amount), in the schema's order.
 */
export function buildInvoiceAdd(input: InvoiceAddInput): QbxmlRequest {
  const requestId = checkRequestId(input.requestId);
  checkLines(input.lines);
  const { guid, version } = externalGuid(input.externalGuid, '1.0');
  const w = new QbxmlWriter().open('InvoiceAddRq', { requestID: requestId }).open('InvoiceAdd');
  writeRef(w, 'CustomerRef', input.customer);
  w.el('TxnDate', checkDate(input.txnDate, 'InvoiceAdd/TxnDate'));
  w.el('RefNumber', input.refNumber && qbText(input.refNumber, { field: 'InvoiceAdd/RefNumber', max: 11, overflow: 'refuse' }));
  w.el('DueDate', checkDate(input.dueDate, 'InvoiceAdd/DueDate'));
  w.el('Memo', input.memo && qbText(input.memo, { field: 'InvoiceAdd/Memo', max: 4095, overflow: 'truncate' }));
  w.el('ExternalGUID', guid);
  for (const line of input.lines) {
    w.open('InvoiceLineAdd');
    writeLine(w, line, 'InvoiceLineAdd');
    w.close('InvoiceLineAdd');
  }
  w.close('InvoiceAdd').close('InvoiceAddRq');
  return { rqName: 'InvoiceAddRq', requestId, minVersion: version, xml: w.toString() };
}

export interface InvoiceModInput {
  readonly requestId: string;
  readonly txnId: string;
  /** The invoice's EditSequence as last read: QuickBooks refuses a stale one (3200). */
  readonly editSequence: string;
  readonly dueDate?: LocalDate;
  /**
   * The invoice's lines from now on, all written anew. Intuit: once any InvoiceLineMod is sent,
   * the lines not listed are deleted, so this replaces the lines; absent keeps them.
   */
  readonly lines?: readonly InvoiceLineInput[];
}

/** InvoiceModRq (qbXML 2.1): TxnID, EditSequence, DueDate?, InvoiceLineMod* (TxnLineID -1: a new line). */
export function buildInvoiceMod(input: InvoiceModInput): QbxmlRequest {
  const requestId = checkRequestId(input.requestId);
  checkIds([input.txnId], 'TxnID');
  if (!/^[^\s]{1,16}$/.test(input.editSequence)) throw new AppError('invalid', 'EditSequence is not one QuickBooks wrote (at most 16 characters).');
  if (input.dueDate === undefined && input.lines === undefined) throw new AppError('invalid', 'An invoice change needs a due date or lines.');
  if (input.lines) checkLines(input.lines);
  const w = new QbxmlWriter().open('InvoiceModRq', { requestID: requestId }).open('InvoiceMod');
  w.el('TxnID', input.txnId).el('EditSequence', input.editSequence);
  w.el('DueDate', checkDate(input.dueDate, 'InvoiceMod/DueDate'));
  for (const line of input.lines ?? []) {
    w.open('InvoiceLineMod').el('TxnLineID', '-1');
    writeLine(w, line, 'InvoiceLineMod');
    w.close('InvoiceLineMod');
  }
  w.close('InvoiceMod').close('InvoiceModRq');
  return { rqName: 'InvoiceModRq', requestId, minVersion: '2.1', xml: w.toString() };
}
