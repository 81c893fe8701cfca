import { moneyFromCents, moneyToCents } from '../../../core/values/money';
import { UNDEPOSITED_FUNDS_ID } from './company-balances';
import { QboCompany } from './qbo-company';
import { QboFault } from './qbo-fault';
import { refValue, SimEntity } from './qbo-records';
import { EntityWriter, readDate, readMoney, readRef } from './write-common';

/**
 * Deposit rules (../shared/reference/qbo-api.md §5.4): into a bank account; a line either links
 * a payment sitting in Undeposited Funds (`LinkedTxn` TxnType Payment, no DetailType) or is a
 * direct amount (`DepositLineDetail` with an AccountRef, e.g. a negative fee).
 */
export const depositWriter: EntityWriter = {
  entity: 'Deposit',
  writable: new Set(['DepositToAccountRef', 'Line', 'TxnDate', 'PrivateNote']),
  deletable: true,
  prepare(company, fields, existing) {
    const bank = readRef(company, fields.DepositToAccountRef, 'Account', 'DepositToAccountRef', true)!;
    if (company.get('Account', bank.value)!.fields.AccountType !== 'Bank') throw QboFault.business('Select a bank account for this deposit.');
    if (!Array.isArray(fields.Line) || fields.Line.length === 0) throw QboFault.required('Line');
    let total = 0n;
    const seen = new Set<string>();
    const lines = fields.Line.map((raw: Record<string, unknown>, index: number) => {
      const amount = readMoney(raw?.Amount, 'Line.Amount');
      total += moneyToCents(amount);
      const base = {
        Id: String(index + 1),
        LineNum: index + 1,
        Amount: amount,
        ...(typeof raw.Description === 'string' ? { Description: raw.Description } : {}),
      };
      if (Array.isArray(raw.LinkedTxn) && raw.LinkedTxn.length) {
        const link = raw.LinkedTxn[0] as Record<string, unknown>;
        const paymentId = String(link.TxnId ?? '');
        if (link.TxnType !== 'Payment')
          throw new QboFault(
            400,
            '2010',
            'Request has invalid or unsupported property',
            `Property Name:TxnType ${String(link.TxnType)} cannot be deposited here`,
            'ValidationFault',
            'Line.LinkedTxn.TxnType',
          );
        checkPayment(company, paymentId, amount, existing, seen);
        return { ...base, LinkedTxn: [{ TxnId: paymentId, TxnType: 'Payment', TxnLineId: '0' }] };
      }
      if (raw.DetailType !== 'DepositLineDetail') throw QboFault.business('Select a bank account for this deposit.');
      const detail = (raw.DepositLineDetail ?? {}) as Record<string, unknown>;
      const account = readRef(company, detail.AccountRef, 'Account', 'Line.DepositLineDetail.AccountRef', true)!;
      return { ...base, DetailType: 'DepositLineDetail', DepositLineDetail: { ...detail, AccountRef: account } };
    });
    return {
      ...fields,
      DepositToAccountRef: bank,
      Line: lines,
      TotalAmt: moneyFromCents(total),
      TxnDate: readDate(fields.TxnDate, 'TxnDate', company.clock.localDate(company.now())),
    };
  },
  afterWrite(company, row) {
    release(company, row);
    for (const line of row.fields.Line as { LinkedTxn?: { TxnId: string }[] }[]) if (line.LinkedTxn) company.depositOf.set(line.LinkedTxn[0].TxnId, row.id);
  },
  beforeDelete(company, row) {
    release(company, row);
  },
};

function release(company: QboCompany, deposit: SimEntity): void {
  for (const [paymentId, depositId] of [...company.depositOf]) if (depositId === deposit.id) company.depositOf.delete(paymentId);
}

/**
 * The linked payment must exist, sit in Undeposited Funds, not be in another deposit, and be
 * deposited whole (UNVERIFIED: partial deposits of one payment are refused here).
 */
function checkPayment(company: QboCompany, paymentId: string, amount: string, existing: SimEntity | undefined, seen: Set<string>): void {
  const payment = company.get('Payment', paymentId);
  if (!payment) throw QboFault.notFound('Payment', paymentId);
  if (refValue(payment.fields.DepositToAccountRef) !== UNDEPOSITED_FUNDS_ID) throw QboFault.business(`Payment Id=${paymentId} is not in Undeposited Funds.`);
  const holder = company.depositOf.get(paymentId);
  if ((holder && holder !== existing?.id) || seen.has(paymentId)) throw QboFault.business(`Payment Id=${paymentId} has already been deposited.`);
  seen.add(paymentId);
  if (moneyToCents(payment.fields.TotalAmt as never) !== moneyToCents(amount as never))
    throw QboFault.business(`The deposit line for payment Id=${paymentId} must be its full amount (${String(payment.fields.TotalAmt)}).`);
}
