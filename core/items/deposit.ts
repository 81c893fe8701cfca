import { FieldReader, allPresent, readObject } from '../validation/field-reader';
import { LocalDate } from '../values/instant';
import { Money, ZERO_MONEY, compareMoney, sumMoney } from '../values/money';
import { ID_RULES } from './item-kind';

/** One payment carried by a deposit. */
export interface DepositLine {
  readonly paymentId: string;
  readonly amount: Money;
}

/** A payout: payments moved together into a bank account. */
export interface Deposit {
  readonly id: string;
  readonly depositedOn: LocalDate;
  /**
   * The bank account the money lands in, when the source system names one. A payout of the
   * payments platform does not: the target system's own settings choose its account.
   */
  readonly accountId?: string;
  readonly memo?: string;
  readonly total: Money;
  readonly lines: readonly DepositLine[];
}

export const DEPOSIT_FIELD_GROUPS = ['lines', 'details'] as const;

function readLine(r: FieldReader): DepositLine {
  const line = { paymentId: r.string('paymentId', ID_RULES), amount: r.money('amount') };
  if (line.amount && compareMoney(line.amount, ZERO_MONEY) <= 0) r.problem('amount', 'must be more than 0');
  return line;
}

export function parseDeposit(input: unknown, at = ''): Deposit {
  return readObject(
    'deposit',
    input,
    (r) => {
      const deposit: Deposit = {
        id: r.string('id', ID_RULES),
        depositedOn: r.localDate('depositedOn'),
        accountId: r.string('accountId', { ...ID_RULES, optional: true }),
        memo: r.string('memo', { optional: true, max: 4095, nonEmpty: false }),
        total: r.money('total'),
        lines: r.array('lines', readLine, { minItems: 1 }),
      };
      const amounts = deposit.lines?.map((l) => l?.amount);
      if (deposit.total && allPresent(amounts) && amounts.length > 0) {
        if (compareMoney(sumMoney(amounts), deposit.total) !== 0) r.problem('total', 'must equal the sum of the lines');
      }
      const ids = deposit.lines?.map((l) => l?.paymentId) ?? [];
      if (new Set(ids).size !== ids.length) r.problem('lines', 'must not carry the same payment twice');
      return deposit;
    },
    at,
  );
}
