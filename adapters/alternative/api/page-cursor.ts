import { AppError } from '../../../core/errors/app-error';
import { NOT_TEXT } from '../../../core/validation/not-text';
import { UUID_PATTERN } from '../../../core/validation/uuid';
import { localDateProblem } from '../../../core/values/instant';

const MAX_PAGE = 200;

/** `limit` of a paged route: 50 unless asked, at most 200. */
export function pageSize(raw: unknown): number {
  if (raw === undefined) return 50;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw new AppError('invalid', `limit must be a whole number from 1 to ${MAX_PAGE}.`);
  return n;
}

const MAX_SERIAL = 9_223_372_036_854_775_807n; // PostgreSQL's bigint
const POSTGRES_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

/**
 * Whether a cursor's field holds what its query will cast it to: every value is checked before
 * it reaches SQL. Text follows the fields' own rule (a customer's name may hold a tab, so its cursor may too).
 */
function fieldFits(name: string, value: string, idKind: 'uuid' | 'serial'): boolean {
  if (value.length > 300 || NOT_TEXT.test(value)) return false;
  if (name === 'id') return idKind === 'uuid' ? UUID_PATTERN.test(value) : /^[0-9]{1,19}$/.test(value) && BigInt(value) <= MAX_SERIAL;
  if (name === 'txnDate') return localDateProblem(value) === undefined;
  if (name === 'createdAt') return POSTGRES_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value)) && localDateProblem(value.slice(0, 10)) === undefined;
  return true;
}

/**
 * Opaque page cursors: base64url JSON of string fields, so clients never build them by hand;
 * one that does not hold exactly the expected fields, each fit for its query (an id of the
 * table's kind, a real date), is refused (422) before it reaches a query.
 */
export function decodeCursor<K extends string>(raw: unknown, fields: readonly K[], idKind: 'uuid' | 'serial' = 'uuid'): Record<K, string> | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(String(raw), 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const given = value as Record<string, unknown>;
  const ok = typeof value === 'object' && value !== null && fields.every((f) => typeof given[f] === 'string' && fieldFits(f, given[f] as string, idKind));
  if (!ok)
    throw new AppError('invalid', 'The cursor is not one this API gave out.', {
      problems: [{ at: 'cursor', message: 'pass nextCursor from the previous page as it was given' }],
    });
  return value as Record<K, string>;
}

/** The next page's cursor, or null when this page was the last (shorter than asked). */
export function nextCursor<R>(rows: readonly R[], limit: number, keyOf: (last: R) => unknown): string | null {
  const last = rows[rows.length - 1];
  return rows.length === limit && last !== undefined ? Buffer.from(JSON.stringify(keyOf(last)), 'utf8').toString('base64url') : null;
}
