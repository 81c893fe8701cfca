import { child, children, text } from './request-node';
import { receivePaymentRet } from './ret-writers';
import { WriteHandler, amount, limited, ok, optionalAmount, refuseUnmodelled } from './write-parts';

/**
 * ReceivePaymentMod: TxnID, EditSequence, TxnDate, RefNumber, TotalAmount, PaymentMethodRef,
 * Memo and AppliedToTxnMod; the rules are in QuickBooksCompany.modifyPayment. Moving a payment
 * to another customer, A/R or deposit account is not simulated (refused with 1030).
 */
export const RECEIVE_PAYMENT_MOD_HANDLERS: Record<string, WriteHandler> = {
  ReceivePaymentModRq(rq, { company }) {
    const mod = child(rq, 'ReceivePaymentMod')!;
    refuseUnmodelled(mod, ['CustomerRef', 'ARAccountRef', 'ExchangeRate', 'DepositToAccountRef', 'CreditCardTxnInfoMod'], 'ReceivePaymentMod');
    const applied = children(mod, 'AppliedToTxnMod');
    for (const a of applied) refuseUnmodelled(a, ['SetCredit', 'DiscountAmount', 'DiscountAccountRef', 'DiscountClassRef'], 'AppliedToTxnMod');
    const payment = company.modifyPayment(text(mod, 'TxnID')!, text(mod, 'EditSequence')!, {
      txnDate: text(mod, 'TxnDate'),
      refNumber: limited(text(mod, 'RefNumber'), 20, 'RefNumber'),
      totalAmount: optionalAmount(mod, 'TotalAmount'),
      paymentMethod: text(child(mod, 'PaymentMethodRef'), 'FullName'),
      memo: text(mod, 'Memo'),
      // UNVERIFIED: an AppliedToTxnMod without PaymentAmount is refused (3020) as in ReceivePaymentAdd.
      applications:
        applied.length > 0 ? applied.map((a) => ({ invoiceId: text(a, 'TxnID')!, amount: amount(text(a, 'PaymentAmount'), 'PaymentAmount') })) : undefined,
    });
    return ok(rq, 'ReceivePaymentModRs', receivePaymentRet(company, payment, { includeLineItems: true }).lines());
  },
};
