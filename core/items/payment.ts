import { FieldReader, allPresent, readObject } from '../validation/field-reader';
import { LocalDate } from '../values/instant';
import { Money, ZERO_MONEY, compareMoney, sumMoney } from '../values/money';
import { ID_RULES } from './item-kind';

/** How much of a payment went to one invoice. */
export interface PaymentApplication {
  readonly invoiceId: string;
  readonly amount: Money;
}

export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** A payment received from a customer, applied fully or partly to invoices. */
export interface Payment {
  readonly id: string;
  readonly customerId: string;
  readonly receivedOn: LocalDate;
  readonly amount: Money;
  readonly status: PaymentStatus;
  /** What the payer sees as a reference (a check or transfer number); an accounting system may keep it in a memo. */
  readonly reference?: string;
  readonly method?: string;
  readonly memo?: string;
  readonly applications: readonly PaymentApplication[];
}

export const PAYMENT_FIELD_GROUPS = ['amount', 'applications', 'details', 'status'] as const;

function readApplication(r: FieldReader): PaymentApplication {
  const application = { invoiceId: r.string('invoiceId', ID_RULES), amount: r.money('amount') };
  if (application.amount && compareMoney(application.amount, ZERO_MONEY) <= 0) r.problem('amount', 'must be more than 0');
  return application;
}

export function parsePayment(input: unknown, at = ''): Payment {
  return readObject(
    'payment',
    input,
    (r) => {
      const payment: Payment = {
        id: r.string('id', ID_RULES),
        customerId: r.string('customerId', ID_RULES),
        receivedOn: r.localDate('receivedOn'),
        amount: r.money('amount'),
        status: r.oneOf('status', PAYMENT_STATUSES),
        reference: r.string('reference', { optional: true, max: 100 }),
        method: r.string('method', { optional: true, max: 31 }),
        memo: r.string('memo', { optional: true, max: 4095, nonEmpty: false }),
        applications: r.array('applications', readApplication),
      };
      if (payment.amount && compareMoney(payment.amount, ZERO_MONEY) <= 0) r.problem('amount', 'must be more than 0');
      const applied = payment.applications?.map((a) => a?.amount);
      if (payment.amount && allPresent(applied) && compareMoney(sumMoney(applied), payment.amount) > 0) {
        r.problem('applications', 'must not apply more than the payment amount');
      }
      return payment;
    },
    at,
  );
}
