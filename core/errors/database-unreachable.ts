/**
 * Whether an error means the database cannot be reached (refused, cut, timed out, shutting
 * down), as the driver, the pool or the ORM reports it, anywhere in its chain of causes. Such
 * a request was not done and may simply be sent again: 503 with Retry-After, not 500.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  // A caller that hung up mid-upload is no database trouble (Node reports it as ECONNRESET 'aborted').
  if ((error as { message?: unknown })?.message === 'aborted') return false;
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    if (typeof name === 'string' && UNREACHABLE_NAMES.has(name)) return true;
    if (typeof message === 'string' && UNREACHABLE_MESSAGES.test(message)) return true;
  }
  return false;
}

// Node's socket errors, and PostgreSQL's classes 08 (connection exception) and 57P (operator intervention).
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);
const UNREACHABLE_NAMES = new Set(['KnexTimeoutError', 'ConnectionException']);
const UNREACHABLE_MESSAGES = /Connection terminated|Client has encountered a connection error|Timeout acquiring a connection|connect ECONNREFUSED/;
