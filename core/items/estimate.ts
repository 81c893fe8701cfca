import { FieldReader, allPresent, readObject } from '../validation/field-reader';
import { LocalDate } from '../values/instant';
import { Money, addMoney, compareMoney, sumMoney } from '../values/money';
import { DECIMAL_RULES, LineItem } from './invoice';
import { ID_RULES } from './item-kind';

/**
 * A quote given to a customer: what an invoice would be, before anything is owed. It carries no
 * balance and no payments; `isActive` says whether the estimate is still open (QuickBooks'
 * IsActive). Not a core item: a plugin registers it (see plugins/alternative-qbd), so an
 * installation without that plugin knows no estimates.
 */
export interface Estimate {
  readonly id: string;
  readonly customerId: string;
  /** The estimate number people see (QuickBooks RefNumber). */
  readonly number?: string;
  readonly txnDate: LocalDate;
  readonly dueDate?: LocalDate;
  readonly memo?: string;
  readonly isActive: boolean;
  readonly lines: readonly LineItem[];
  readonly subtotal: Money;
  readonly salesTax: Money;
  /** subtotal + salesTax. */
  readonly total: Money;
}

/** Groups that direction rules can address separately. */
export const ESTIMATE_FIELD_GROUPS = ['header', 'amounts', 'lines'] as const;

function readLine(r: FieldReader): LineItem {
  return {
    id: r.string('id', ID_RULES),
    itemName: r.string('itemName', { optional: true, max: 159 }),
    description: r.string('description', { optional: true, max: 4095, nonEmpty: false }),
    quantity: r.string('quantity', { optional: true, ...DECIMAL_RULES }),
    rate: r.string('rate', { optional: true, ...DECIMAL_RULES }),
    amount: r.money('amount'),
  };
}

/** Parses an estimate and checks that its numbers agree, so no inconsistent estimate is stored. */
export function parseEstimate(input: unknown, at = ''): Estimate {
  return readObject(
    'estimate',
    input,
    (r) => {
      const estimate: Estimate = {
        id: r.string('id', ID_RULES),
        customerId: r.string('customerId', ID_RULES),
        number: r.string('number', { optional: true, max: 21 }),
        txnDate: r.localDate('txnDate'),
        dueDate: r.localDate('dueDate', { optional: true }),
        memo: r.string('memo', { optional: true, max: 4095, nonEmpty: false }),
        isActive: r.boolean('isActive'),
        lines: r.array('lines', readLine),
        subtotal: r.money('subtotal'),
        salesTax: r.money('salesTax'),
        total: r.money('total'),
      };
      const amounts = estimate.lines?.map((l) => l?.amount);
      if (allPresent([estimate.subtotal, estimate.salesTax, estimate.total]) && allPresent(amounts)) {
        if (compareMoney(addMoney(estimate.subtotal, estimate.salesTax), estimate.total) !== 0) r.problem('total', 'must equal subtotal + salesTax');
        if (amounts.length > 0 && compareMoney(sumMoney(amounts), estimate.subtotal) !== 0) r.problem('subtotal', 'must equal the sum of the line amounts');
      }
      return estimate;
    },
    at,
  );
}
