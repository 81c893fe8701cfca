import { Money, ZERO_MONEY, compareMoney, subtractMoney, sumMoney } from '../../../core/values/money';
import { LineInput } from './company-inputs';
import { CompanyReceivables } from './company-receivables';
import { autoApplications, checkApplications } from './payment-applications';
import { SimApplication, SimCreditMemo, SimDeposit, SimPayment } from './sim-records';
import { SimStatusError, notFound } from './sim-status-error';

/** Received payments and credit memos: the money applied to receivables, and what is left unused. */
export class CompanyPayments extends CompanyReceivables {
  /**
   * ReceivePaymentAdd. Applying a payment changes the invoices' balances but, here, not their
   * TimeModified: the reference says a sync must not rely on it (UNVERIFIED whether QuickBooks
   * touches it), so the simulator takes the harder case.
   */
  receivePayment(input: {
    customerId: string;
    txnDate?: string;
    refNumber?: string;
    totalAmount: Money;
    paymentMethod?: string;
    memo?: string;
    depositToAccountId?: string;
    externalGuid?: string;
    applications?: readonly SimApplication[];
  }): SimPayment {
    this.customer(input.customerId);
    const depositTo = input.depositToAccountId ? this.account(input.depositToAccountId) : this.undepositedFunds;
    const applications = input.applications ? [...input.applications] : autoApplications(this, input.customerId, input.totalAmount);
    checkApplications(this, input.customerId, applications, input.totalAmount, 'payment');
    const payment: SimPayment = {
      ...this.newTxnHeader(input.customerId, input.txnDate),
      refNumber: input.refNumber,
      totalAmount: input.totalAmount,
      paymentMethod: input.paymentMethod,
      memo: input.memo,
      depositToAccountId: depositTo.listId,
      externalGuid: input.externalGuid,
      applications,
    };
    this.payments.set(payment.txnId, payment);
    this.link(payment);
    return payment;
  }

  payment(txnId: string): SimPayment {
    const payment = this.payments.get(txnId);
    if (!payment) throw notFound(txnId);
    return payment;
  }

  /**
   * ReceivePaymentMod. The EditSequence must be current (3200). Simple fields keep the links;
   * new applications replace the old ones entirely (Intuit's documentation) and are checked as
   * ReceivePaymentAdd's are, against balances without this payment's own applications, so
   * re-applying the same amounts is allowed. A deposited payment keeps its TotalAmount (3210,
   * UNVERIFIED: QuickBooks ties the amount to the deposit line); its deposit never changes.
   */
  modifyPayment(
    txnId: string,
    editSequence: string,
    changes: { txnDate?: string; refNumber?: string; memo?: string; paymentMethod?: string; totalAmount?: Money; applications?: readonly SimApplication[] },
  ): SimPayment {
    const payment = this.payment(txnId);
    this.checkEditSequence(payment, editSequence);
    const { applications: newApplications, totalAmount = payment.totalAmount, ...fields } = changes;
    if (compareMoney(totalAmount, payment.totalAmount) !== 0 && this.depositOf(txnId)) {
      throw new SimStatusError(
        3210,
        `The "TotalAmount" field has an invalid value "${totalAmount}". QuickBooks error message: The payment "${txnId}" has been deposited; its amount cannot change.`,
      );
    }
    const applications = newApplications ? [...newApplications] : payment.applications;
    const old = payment.applications;
    this.unlink(payment);
    payment.applications = [];
    try {
      checkApplications(this, payment.customerId, applications, totalAmount, 'payment');
    } catch (error) {
      payment.applications = old;
      this.link(payment);
      throw error;
    }
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(payment, { [key]: value });
    payment.totalAmount = totalAmount;
    payment.applications = applications;
    this.link(payment);
    this.touch(payment);
    return payment;
  }

  paymentUnused(payment: SimPayment): Money {
    return subtractMoney(payment.totalAmount, sumMoney(payment.applications.map((a) => a.amount)));
  }

  depositOf(paymentId: string): SimDeposit | undefined {
    return this.depositedIn.get(paymentId);
  }

  addCreditMemo(input: {
    customerId: string;
    txnDate?: string;
    refNumber?: string;
    memo?: string;
    lines: readonly LineInput[];
    salesTaxTotal?: Money;
    applications?: readonly SimApplication[];
  }): SimCreditMemo {
    this.customer(input.customerId);
    const lines = this.lines(input.lines);
    const total = sumMoney([...lines.map((l) => l.amount), input.salesTaxTotal ?? ZERO_MONEY]);
    const applications = [...(input.applications ?? [])];
    checkApplications(this, input.customerId, applications, total, 'credit memo');
    const memo: SimCreditMemo = {
      ...this.newTxnHeader(input.customerId, input.txnDate),
      refNumber: input.refNumber,
      memo: input.memo,
      lines,
      salesTaxTotal: input.salesTaxTotal ?? ZERO_MONEY,
      applications,
    };
    this.creditMemos.set(memo.txnId, memo);
    this.link(memo);
    return memo;
  }

  creditTotal(memo: SimCreditMemo): Money {
    return sumMoney([...memo.lines.map((l) => l.amount), memo.salesTaxTotal]);
  }

  creditRemaining(memo: SimCreditMemo): Money {
    return subtractMoney(this.creditTotal(memo), sumMoney(memo.applications.map((a) => a.amount)));
  }
}
