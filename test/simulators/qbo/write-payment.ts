import { moneyFromCents, moneyToCents } from '../../../core/values/money';
import { UNDEPOSITED_FUNDS_ID } from './company-balances';
import { QboCompany } from './qbo-company';
import { QboFault } from './qbo-fault';
import { refValue, SimEntity } from './qbo-records';
import { paymentApplications, PaymentLine } from './payment-applications';
import { EntityWriter, readDate, readMoney, readRef } from './write-common';

const DEPOSITABLE = new Set(['Bank', 'Other Current Asset']);

/** Payment rules and application mechanics (../shared/reference/qbo-api.md §5.3). */
export const paymentWriter: EntityWriter = {
  entity: 'Payment',
  writable: new Set([
    'CustomerRef',
    'TotalAmt',
    'Line',
    'DepositToAccountRef',
    'PaymentMethodRef',
    'PaymentRefNum',
    'TxnDate',
    'PrivateNote',
    'ARAccountRef',
    'ProcessPayment',
  ]),
  deletable: true,
  prepare(company, fields, existing) {
    const customer = readRef(company, fields.CustomerRef, 'Customer', 'CustomerRef', true)!;
    // TotalAmt is writable on a payment (required), unlike on invoices.
    const total = readMoney(fields.TotalAmt, 'TotalAmt');
    if (moneyToCents(total) < 0n) throw QboFault.business('Payment amount cannot be negative.');
    const account = readRef(company, fields.DepositToAccountRef ?? { value: UNDEPOSITED_FUNDS_ID }, 'Account', 'DepositToAccountRef', true)!;
    if (!DEPOSITABLE.has(String(company.get('Account', account.value)!.fields.AccountType)))
      throw QboFault.invalidReference('DepositToAccountRef', account.value);
    const lines = readLines(company, fields.Line, customer.value, existing);
    const applied = lines.reduce((sum, l) => sum + moneyToCents(l.Amount), 0n);
    // UNVERIFIED (A.9): applying more than the payment's total is refused.
    if (applied > moneyToCents(total)) throw QboFault.business(`The amount applied (${moneyFromCents(applied)}) is more than the payment total (${total}).`);
    return {
      ...fields,
      CustomerRef: customer,
      TotalAmt: total,
      DepositToAccountRef: account,
      Line: lines,
      TxnDate: readDate(fields.TxnDate, 'TxnDate', company.clock.localDate(company.now())),
    };
  },
  afterWrite(company, row) {
    reapply(company, row, paymentApplications(row.fields.Line as PaymentLine[]));
  },
  guard(company, row) {
    if (company.depositOf.has(row.id)) throw QboFault.deposited();
  },
  beforeDelete(company, row) {
    reapply(company, row, []);
  },
  voidRow(company, row) {
    reapply(company, row, []);
    row.fields = { ...row.fields, TotalAmt: '0.00', Line: [], PrivateNote: row.fields.PrivateNote ? `Voided ${String(row.fields.PrivateNote)}` : 'Voided' };
  },
};

/** Moves the payment's applications and bumps every invoice whose Balance changed (UNVERIFIED A.7). */
function reapply(company: QboCompany, payment: SimEntity, next: ReturnType<typeof paymentApplications>): void {
  const before = new Map(
    [...company.applied].flatMap(([invoiceId, byPayment]) => (byPayment.has(payment.id) ? [[invoiceId, byPayment.get(payment.id)!] as const] : [])),
  );
  company.setApplications(payment.id, next);
  const after = new Map(next.map((n) => [n.invoiceId, moneyToCents(n.amount)]));
  for (const invoiceId of new Set([...before.keys(), ...after.keys()])) {
    const invoice = company.get('Invoice', invoiceId);
    if (invoice && before.get(invoiceId) !== after.get(invoiceId)) company.touch(invoice);
  }
}

function readLines(company: QboCompany, value: unknown, customerId: string, existing: SimEntity | undefined): PaymentLine[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw QboFault.required('Line');
  const perInvoice = new Map<string, bigint>();
  const lines = value.map((raw: Record<string, unknown>) => {
    const amount = readMoney(raw?.Amount, 'Line.Amount');
    const linked = raw?.LinkedTxn;
    if (!Array.isArray(linked) || linked.length === 0) throw QboFault.required('Line.LinkedTxn');
    const links = linked.map((t: Record<string, unknown>) => {
      const txnId = t?.TxnId === undefined ? undefined : String(t.TxnId);
      if (!txnId) throw QboFault.required('Line.LinkedTxn.TxnId');
      if (t.TxnType !== 'Invoice')
        throw new QboFault(
          400,
          '2010',
          'Request has invalid or unsupported property',
          `Property Name:TxnType ${String(t.TxnType)} is not supported here`,
          'ValidationFault',
          'Line.LinkedTxn.TxnType',
        );
      const invoice = company.get('Invoice', txnId);
      if (!invoice) throw QboFault.notFound('Invoice', txnId);
      if (refValue(invoice.fields.CustomerRef) !== customerId)
        throw new QboFault(400, '620', 'Transaction cannot be linked', `TxnID Cannot Be Linked : Invoice Id=${txnId} belongs to another customer`);
      perInvoice.set(txnId, (perInvoice.get(txnId) ?? 0n) + moneyToCents(amount));
      return { TxnId: txnId, TxnType: 'Invoice' };
    });
    return { Amount: amount, LinkedTxn: links };
  });
  for (const [invoiceId, cents] of perInvoice) {
    const invoice = company.get('Invoice', invoiceId)!;
    const alreadyMine = existing ? (company.applied.get(invoiceId)?.get(existing.id) ?? 0n) : 0n;
    const open = (invoice.fields.voided ? 0n : moneyToCents(invoice.fields.TotalAmt as never)) - company.appliedTo(invoiceId) + alreadyMine;
    // UNVERIFIED (A.9): over-applying beyond the open balance is a business validation fault.
    if (cents > open)
      throw QboFault.business(
        `The payment amount applied to invoice ${String(invoice.fields.DocNumber ?? invoiceId)} exceeds its open balance (${moneyFromCents(open)}).`,
      );
  }
  return lines;
}
