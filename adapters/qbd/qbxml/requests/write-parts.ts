import { AppError } from '../../../../core/errors/app-error';
import { LocalDate, localDateProblem } from '../../../../core/values/instant';
import { Money, ZERO_MONEY, compareMoney } from '../../../../core/values/money';
import { newerVersion } from './qbxml-request';
import { QbxmlVersion } from './qbxml-version';

const GUID = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;

/** A transaction date as qbXML takes it (YYYY-MM-DD), or an invalid error naming the field. */
export function checkDate(date: LocalDate | undefined, field: string): LocalDate | undefined {
  if (date !== undefined && localDateProblem(date)) throw new AppError('invalid', `${field} must be a date written YYYY-MM-DD.`);
  return date;
}

export function checkPositive(amount: Money, field: string): Money {
  if (compareMoney(amount, ZERO_MONEY) <= 0) throw new AppError('invalid', `${field} must be more than 0.00.`);
  return amount;
}

/** ExternalGUID (qbXML 9.0): our own braced GUID on the transaction, findable later. */
export function externalGuid(value: string | undefined, version: QbxmlVersion): { guid?: string; version: QbxmlVersion } {
  if (value === undefined) return { version };
  if (!GUID.test(value)) throw new AppError('invalid', 'ExternalGUID must be a braced GUID such as {3F2504E0-4F89-11D3-9A0C-0305E82C3301}.');
  return { guid: value, version: newerVersion(version, '9.0') };
}
