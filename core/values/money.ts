import { AppError } from '../errors/app-error';

declare const moneyBrand: unique symbol;

/**
 * An exact amount of money in the company's currency: a decimal string with exactly two
 * decimals (`"1234.50"`, `"-3.00"`). Strings survive JSON, PostgreSQL `numeric` and qbXML
 * unchanged; arithmetic goes through integer cents (bigint). Never a JS number.
 */
export type Money = string & { readonly [moneyBrand]: true };

// QuickBooks' AMTTYPE allows 0 or 2 decimals; we accept 0-2 and normalise to 2.
const MONEY_PATTERN = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;
// What moneyFromCents writes: no leading zeros, two decimals, no "-0.00".
const CANONICAL_MONEY = /^(?:-(?!0\.00$))?(?:0|[1-9]\d{0,12})\.\d\d$/;

/** Why a value is not money, or undefined when it is. Shared by parseMoney and the field reader. */
export function moneyProblem(input: unknown): string | undefined {
  if (typeof input === 'number') {
    return 'must be a decimal string such as "12.34", not a number (numbers lose cents)';
  }
  if (typeof input !== 'string') return 'must be a decimal string such as "12.34"';
  if (!MONEY_PATTERN.test(input.trim())) {
    return 'must be a decimal with at most 2 decimals and 13 integer digits, such as "12.34"';
  }
  return undefined;
}

/** Parses a decimal string into Money, or throws an invalid AppError that says why. */
export function parseMoney(input: unknown, at = 'amount'): Money {
  // Most amounts arrive already canonical (QuickBooks writes "1234.50"): no need to rebuild them.
  if (typeof input === 'string' && CANONICAL_MONEY.test(input)) return input as Money;
  const problem = moneyProblem(input);
  if (problem) throw AppError.invalid('Not an amount of money.', [{ at, message: problem }]);
  const [, sign, whole, fraction = ''] = MONEY_PATTERN.exec((input as string).trim())!;
  return moneyFromCents(BigInt(`${sign ?? ''}${whole}${fraction.padEnd(2, '0')}`));
}

export function moneyToCents(money: Money): bigint {
  // Money always has exactly two decimals, so its digits without the point are its cents.
  return BigInt(money.replace('.', ''));
}

export function moneyFromCents(cents: bigint): Money {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return (negative ? `-${text}` : text) as Money;
}

/** The exact sum of any number of amounts (0.00 for none). */
export function sumMoney(amounts: Iterable<Money>): Money {
  let cents = 0n;
  for (const m of amounts) cents += moneyToCents(m);
  return moneyFromCents(cents);
}

export function addMoney(...amounts: readonly Money[]): Money {
  return sumMoney(amounts);
}

export function subtractMoney(from: Money, amount: Money): Money {
  return moneyFromCents(moneyToCents(from) - moneyToCents(amount));
}

/** -1, 0 or 1, for sorting and comparisons. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  const d = moneyToCents(a) - moneyToCents(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export const ZERO_MONEY = moneyFromCents(0n);
