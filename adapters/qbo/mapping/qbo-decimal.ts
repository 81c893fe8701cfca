import { AppError } from '../../../core/errors/app-error';
import { DECIMAL_RULES } from '../../../core/items/sales-document';
import { Money, parseMoney } from '../../../core/values/money';

/**
 * QBO writes amounts as JSON numbers (`65.0`, `10.1`; reference §10), which JSON.parse turns
 * into doubles. String(n) is the shortest decimal that reads back as the same double, and a
 * double holds 15 significant digits exactly, so for any amount QBO can hold (13 integer digits
 * and 2 decimals) String(n) is the very decimal QBO wrote. What is not such a decimal (exponent
 * notation, a third decimal) is refused, never rounded: money stays exact or is not taken.
 */
function decimalText(value: unknown, at: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw AppError.invalid('Not a number.', [{ at, message: 'must be a number' }]);
  const text = String(value);
  if (/e/i.test(text)) throw AppError.invalid('Not an exact amount.', [{ at, message: `${text} is out of range` }]);
  return text;
}

export function qboMoney(value: unknown, at: string): Money {
  return parseMoney(decimalText(value, at), at);
}

/**
 * A quantity or unit price as the core's decimal string, or undefined when QBO gave none or one
 * with more decimals than the core keeps (a unit price may have more than 5): the line's amount,
 * which is exact, is what counts.
 */
export function qboDecimal(value: unknown, at: string): string | undefined {
  if (value === undefined) return undefined;
  const text = decimalText(value, at);
  return DECIMAL_RULES.pattern.test(text) ? text : undefined;
}
