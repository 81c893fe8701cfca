import { AppError } from '../../../core/errors/app-error';

const MAX_PAGE = 200;

/** `limit` of a paged route: 50 unless asked, at most 200. */
export function pageSize(raw: unknown): number {
  if (raw === undefined) return 50;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw new AppError('invalid', `limit must be a whole number from 1 to ${MAX_PAGE}.`);
  return n;
}

/**
 * Opaque page cursors: base64url JSON of string fields, so clients never build them by hand;
 * one that does not hold exactly the expected fields is refused before it reaches a query.
 */
export function decodeCursor<K extends string>(raw: unknown, fields: readonly K[]): Record<K, string> | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(String(raw), 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const ok = typeof value === 'object' && value !== null && fields.every((f) => typeof (value as Record<string, unknown>)[f] === 'string' && ((value as Record<string, string>)[f]).length <= 300);
  if (!ok) throw new AppError('invalid', 'The cursor is not one this API gave out.');
  const key = value as Record<K, string>;
  if ('id' in key && !/^[0-9a-f-]{1,36}$|^[0-9]{1,19}$/.test(key.id as string)) throw new AppError('invalid', 'The cursor is not one this API gave out.');
  if ('txnDate' in key && !/^\d{4}-\d{2}-\d{2}$/.test(key.txnDate as string)) throw new AppError('invalid', 'The cursor is not one this API gave out.');
  if ('createdAt' in key && Number.isNaN(Date.parse(key.createdAt as string))) throw new AppError('invalid', 'The cursor is not one this API gave out.');
  return key;
}

/** The next page's cursor, or null when this page was the last (shorter than asked). */
export function nextCursor<R>(rows: readonly R[], limit: number, keyOf: (last: R) => unknown): string | null {
  const last = rows[rows.length - 1];
  return rows.length === limit && last !== undefined ? Buffer.from(JSON.stringify(keyOf(last)), 'utf8').toString('base64url') : null;
}
