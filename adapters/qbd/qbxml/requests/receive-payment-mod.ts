import { AppError } from '../../../../core/errors/app-error';
import { Money } from '../../../../core/values/money';
import { QbxmlRequest, checkRequestId } from './qbxml-request';
import { QbxmlWriter } from './qbxml-writer';
import { checkIds } from './query-parts';
import { checkPositive } from './write-parts';

export interface ReceivePaymentModInput {
  readonly requestId: string;
  readonly txnId: string;
  /** The payment's EditSequence as last read: QuickBooks refuses a stale one (3200). */
  readonly editSequence: string;
  /**
   * Where the payment applies from now on. Intuit: any AppliedToTxnMod clears the payment's
   * existing links, so this is the whole new list, not a change to the old one.
   */
  readonly applyTo: readonly { readonly txnId: string; readonly amount: Money }[];
}

/**
 * ReceivePaymentModRq (qbXML 6.0): TxnID, EditSequence, AppliedToTxnMod+ (TxnID, PaymentAmount).
 * Nothing else of the payment is sent, so its amount, date and deposit stay as they are.
 */
export function buildReceivePaymentMod(input: ReceivePaymentModInput): QbxmlRequest {
  const requestId = checkRequestId(input.requestId);
  checkIds([input.txnId, ...input.applyTo.map((a) => a.txnId)], 'TxnID');
  if (!/^[^\s]{1,16}$/.test(input.editSequence)) throw new AppError('invalid', 'EditSequence is not one QuickBooks wrote (at most 16 characters).');
  if (input.applyTo.length === 0) throw new AppError('invalid', 'Give at least one transaction the payment applies to.');
  if (new Set(input.applyTo.map((a) => a.txnId)).size !== input.applyTo.length)
    throw new AppError('invalid', 'A payment can apply to each transaction only once.');
  const w = new QbxmlWriter().open('ReceivePaymentModRq', { requestID: requestId }).open('ReceivePaymentMod');
  w.el('TxnID', input.txnId).el('EditSequence', input.editSequence);
  for (const a of input.applyTo)
    w.group('AppliedToTxnMod', true, () => w.el('TxnID', a.txnId).el('PaymentAmount', checkPositive(a.amount, 'AppliedToTxnMod/PaymentAmount')));
  w.close('ReceivePaymentMod').close('ReceivePaymentModRq');
  return { rqName: 'ReceivePaymentModRq', requestId, minVersion: '6.0', xml: w.toString() };
}
