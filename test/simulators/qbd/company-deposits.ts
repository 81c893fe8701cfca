import { Money, sumMoney } from '../../../core/values/money';
import { DepositLineInput } from './company-inputs';
import { CompanyPayments } from './company-payments';
import { SimDeposit, SimDepositLine, SimPayment } from './sim-records';
import { SimStatusError } from './sim-status-error';

/** Deposits: payments taken out of Undeposited Funds, and other money, into a bank account. */
export class CompanyDeposits extends CompanyPayments {
  /** Payments still in Undeposited Funds and in no deposit: what ReceivePaymentToDepositQuery lists. */
  paymentsToDeposit(): SimPayment[] {
    const undeposited = this.undepositedFunds.listId;
    return [...this.payments.values()].filter((p) => p.depositToAccountId === undeposited && !this.depositOf(p.txnId));
  }

  addDeposit(input: { txnDate?: string; depositToAccountId: string; memo?: string; externalGuid?: string; lines: readonly DepositLineInput[] }): SimDeposit {
    const account = this.account(input.depositToAccountId);
    if (input.lines.length === 0) throw new SimStatusError(3210, 'A deposit needs at least one line.');
    const waiting = new Set(this.paymentsToDeposit().map((p) => p.txnId));
    const lines: SimDepositLine[] = input.lines.map((line) => {
      if ('paymentId' in line) {
        const payment = this.payment(line.paymentId);
        if (!waiting.has(payment.txnId)) throw new SimStatusError(3210, `The payment "${payment.txnId}" is not in Undeposited Funds or is already deposited.`);
        waiting.delete(payment.txnId);
        return { txnLineId: this.nextTxnId(), paymentId: payment.txnId, amount: payment.totalAmount, memo: line.memo };
      }
      this.account(line.accountId);
      return { txnLineId: this.nextTxnId(), accountId: line.accountId, entityId: line.entityId, memo: line.memo, amount: line.amount };
    });
    const deposit: SimDeposit = {
      txnId: this.nextTxnId(),
      ...this.stamp(),
      txnNumber: ++this.txnNumber,
      txnDate: input.txnDate ?? this.clock.localDate(this.clock.now()),
      depositToAccountId: account.listId,
      memo: input.memo,
      externalGuid: input.externalGuid,
      lines,
    };
    this.deposits.set(deposit.txnId, deposit);
    for (const l of lines) if ('paymentId' in l) this.depositedIn.set(l.paymentId, deposit);
    return deposit;
  }

  depositTotal(deposit: SimDeposit): Money {
    return sumMoney(deposit.lines.map((l) => l.amount));
  }
}
