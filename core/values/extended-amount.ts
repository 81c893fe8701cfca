import { Money, moneyFromCents } from './money';

const DECIMAL = /^(-)?(\d{1,10})(?:\.(\d{1,5}))?$/;
const SCALE = 5;

/** A decimal string of up to 10 integer digits and 5 decimals as an integer scaled by 10^5. */
function scaled(decimal: string): bigint {
  const match = DECIMAL.exec(decimal);
  if (!match) throw new RangeError(`"${decimal}" is not a decimal with at most 5 decimals.`);
  const [, sign, whole, fraction = ''] = match;
  return BigInt(`${sign ?? ''}${whole}${fraction.padEnd(SCALE, '0')}`);
}

/**
 * A line's amount from its quantity and rate, to the cent, rounded half away from zero: exact
 * decimal arithmetic on integers, never floats (1.005 x 3 must not become 3.01 or 3.02 by luck).
 *
 * @example extendedAmount('3', '19.995') // '59.99' (59.985 rounds away from zero)
 */
export function extendedAmount(quantity: string, rate: string): Money {
  const product = scaled(quantity) * scaled(rate); // scaled by 10^10
  const perCent = 10n ** BigInt(2 * SCALE - 2);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  const cents = (abs + perCent / 2n) / perCent;
  return moneyFromCents(negative ? -cents : cents);
}
