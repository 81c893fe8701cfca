import { moneyToCents } from '../../../core/values/money';
import { invoiceLines } from './invoice-lines';
import { paymentApplications } from './payment-applications';
import { QboCompany } from './qbo-company';
import { QboFault } from './qbo-fault';
import { refValue, SimEntity } from './qbo-records';
import { addDays, EntityWriter, readDate, readRef } from './write-common';

/** Invoice rules (../shared/reference/qbo-api.md §5.2). */
export const invoiceWriter: EntityWriter = {
  entity: 'Invoice',
  writable: new Set([
    'CustomerRef',
    'Line',
    'DocNumber',
    'TxnDate',
    'DueDate',
    'PrivateNote',
    'CustomerMemo',
    'BillEmail',
    'BillEmailCc',
    'BillEmailBcc',
    'SalesTermRef',
    'BillAddr',
    'ShipAddr',
    'EmailStatus',
    'PrintStatus',
    'AllowOnlinePayment',
    'AllowOnlineCreditCardPayment',
    'AllowOnlineACHPayment',
    'ApplyTaxAfterDiscount',
  ]),
  deletable: true,
  prepare(company, fields, existing, options) {
    const sameCustomer = existing && refValue(existing.fields.CustomerRef) === refValue(fields.CustomerRef);
    const customer = sameCustomer ? { value: refValue(fields.CustomerRef)! } : readRef(company, fields.CustomerRef, 'Customer', 'CustomerRef', true)!;
    const { lines, total } = invoiceLines(company, fields.Line);
    const txnDate = readDate(fields.TxnDate, 'TxnDate', company.clock.localDate(company.now()));
    // DueDate defaults to 30 days after TxnDate (Net 30; UNVERIFIED, Appendix A.17).
    const dueDate = readDate(fields.DueDate, 'DueDate', addDays(txnDate, 30));
    const docNumber = docNumberFor(company, fields.DocNumber, existing, options.include.includes('allowduplicatedocnum'));
    if (existing && moneyToCents(total) < company.appliedTo(existing.id)) {
      // UNVERIFIED (Appendix A.9): lowering an invoice below what is paid on it is refused.
      throw QboFault.business('The invoice total cannot be less than the payments applied to it.');
    }
    return {
      ...fields,
      CustomerRef: customer,
      Line: lines,
      TotalAmt: total,
      TxnDate: txnDate,
      DueDate: dueDate,
      DocNumber: docNumber,
      voided: existing?.fields.voided,
    };
  },
  beforeDelete(company, row) {
    unapplyPayments(company, row);
  },
  voidRow(company, row) {
    unapplyPayments(company, row);
    const lines = (row.fields.Line as Record<string, unknown>[]).map((line) => {
      const detail = line.SalesItemLineDetail as Record<string, unknown> | undefined;
      return { ...line, Amount: '0.00', ...(detail ? { SalesItemLineDetail: { ...detail, Qty: '0', UnitPrice: '0.00' } } : {}) };
    });
    // Observed shape of a voided invoice (OBS php#167): zero amounts, "Voided" in PrivateNote.
    row.fields = {
      ...row.fields,
      Line: lines,
      TotalAmt: '0.00',
      PrivateNote: row.fields.PrivateNote ? `Voided ${String(row.fields.PrivateNote)}` : 'Voided',
      voided: true,
    };
  },
};

/** Deleting or voiding an invoice leaves its payments as unapplied credit (UNVERIFIED, A.9). */
function unapplyPayments(company: QboCompany, invoice: SimEntity): void {
  for (const paymentId of [...(company.applied.get(invoice.id)?.keys() ?? [])]) {
    const payment = company.get('Payment', paymentId);
    if (!payment) continue;
    const lines = (payment.fields.Line as { LinkedTxn: { TxnId: string }[] }[]).filter((l) => !l.LinkedTxn.some((t) => t.TxnId === invoice.id));
    payment.fields = { ...payment.fields, Line: lines };
    company.setApplications(payment.id, paymentApplications(lines));
    company.touch(payment);
  }
  company.applied.delete(invoice.id);
}

/**
 * DocNumber: ≤ 21 characters (2050); omitted on create (or "AUTO_GENERATE") ⇒ the next number
 * in sequence (custom transaction numbers off); a duplicate ⇒ 6140 unless allowduplicatedocnum.
 */
function docNumberFor(company: QboCompany, value: unknown, existing: SimEntity | undefined, allowDuplicate: boolean): string {
  let docNumber = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  if ((!docNumber && !existing) || docNumber === 'AUTO_GENERATE') {
    const numbers = [...company.rows.Invoice.values()].map((i) => Number(i.fields.DocNumber)).filter((n) => Number.isInteger(n));
    docNumber = String(Math.max(1000, ...numbers) + 1);
  }
  if (docNumber.length > 21) {
    throw new QboFault(
      400,
      '2050',
      'String length is either shorter or longer than supported by specification',
      `Min:0 Max:21 Supplied length:${docNumber.length}`,
      'ValidationFault',
      'DocNumber',
    );
  }
  if (docNumber && !allowDuplicate) {
    for (const other of company.rows.Invoice.values()) {
      if (other.id !== existing?.id && other.fields.DocNumber === docNumber) {
        throw new QboFault(
          400,
          '6140',
          'Duplicate Document Number Error',
          `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=Invoice with TxnId=${other.id}`,
        );
      }
    }
  }
  return docNumber;
}
