import { AppError } from '../../../core/errors/app-error';
import { Money, parseMoney } from '../../../core/values/money';

/**
 * Money as the JSON number QBO takes. Number("1234.56") is the double nearest that decimal and
 * JSON.stringify writes it as the shortest text that reads back as that double: "1234.56" again,
 * for every amount of 15 significant digits or fewer (all Money can hold). Checked all the same:
 * the decimal string is the truth, the number only its spelling on the wire.
 */
export function jsonAmount(money: Money): number {
  const n = Number(money);
  if (parseMoney(String(n)) !== money) throw new AppError('internal', `${money} does not survive as a JSON number.`);
  return n;
}
