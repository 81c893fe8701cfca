import { AppError } from '../../errors/app-error';

// As the platform API's cursors (adapters/alternative/api/page-cursor.ts, which core may not import):
// opaque base64url JSON, checked before it reaches a query.
const SEQ = /^[0-9]{1,18}$/;

export function encodeDeliveryCursor(seq: string): string {
  return Buffer.from(JSON.stringify({ seq }), 'utf8').toString('base64url');
}

/** The seq a deliveries page continues before; a cursor this API did not give out is refused (422). */
export function decodeDeliveryCursor(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  let seq: unknown;
  try {
    seq = (JSON.parse(Buffer.from(String(raw), 'base64url').toString('utf8')) as { seq?: unknown }).seq;
  } catch {
    seq = undefined;
  }
  if (typeof seq === 'string' && SEQ.test(seq)) return seq;
  throw new AppError('invalid', 'The cursor is not one this API gave out.', {
    problems: [{ at: 'cursor', message: 'pass nextCursor from the previous page as it was given' }],
  });
}

/** `limit`: 50 unless asked, 1-200. */
export function deliveryPageSize(raw: unknown): number {
  if (raw === undefined) return 50;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new AppError('invalid', 'limit must be a whole number from 1 to 200.');
  return n;
}
