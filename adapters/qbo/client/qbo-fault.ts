import { AppError, ErrorKind } from '../../../core/errors/app-error';

/**
 * One QuickBooks Online fault, from whichever shape it came in (reference §7.1): JSON `Fault`,
 * the lower-case `fault` of 401 bodies, XML despite `Accept: application/json`, or a Fault in a
 * 200 answer (a 200 is not a success until its body says so).
 */
export interface QboFault {
  readonly status: number;
  /** Intuit's code, a string (`"5010"`); absent when the body held none (a bare 502, say). */
  readonly code?: string;
  readonly type?: string;
  readonly message: string;
  readonly detail?: string;
  readonly element?: string;
}

interface Classification {
  readonly kind: ErrorKind;
  readonly retryAfterSeconds?: number;
}

/** Intuit asks for a minute after a throttle (reference §8); nothing says less is safe. */
export const THROTTLE_WAIT_SECONDS = 60;

/**
 * Every fault's kind, by code first and HTTP status second: the one table the retry policy reads
 * (reference §7.2). Codes not listed fall back to their range: 2000-4999 and 6000-9999 are the
 * caller's input, 10000+ Intuit's own failure.
 */
const BY_CODE: Readonly<Record<string, Classification>> = {
  '100': { kind: 'unauthorized' },
  '110': { kind: 'unauthorized' },
  '120': { kind: 'needs-user-action' },
  '3200': { kind: 'unauthorized' },
  '3100': { kind: 'needs-user-action' },
  '3001': { kind: 'transient', retryAfterSeconds: THROTTLE_WAIT_SECONDS },
  '500': { kind: 'internal' },
  '600': { kind: 'conflict' },
  '610': { kind: 'invalid' },
  '620': { kind: 'invalid' },
  '630': { kind: 'conflict' },
  '5010': { kind: 'conflict' },
  '5020': { kind: 'needs-user-action' },
  '6140': { kind: 'invalid' },
  '6190': { kind: 'needs-user-action' },
  '6210': { kind: 'needs-user-action' },
  '6240': { kind: 'invalid' },
  '6540': { kind: 'invalid' },
  '10000': { kind: 'transient' },
};

function byStatus(status: number): Classification {
  if (status === 429) return { kind: 'transient', retryAfterSeconds: THROTTLE_WAIT_SECONDS };
  if (status === 401) return { kind: 'unauthorized' };
  if (status === 403) return { kind: 'needs-user-action' };
  if (status >= 500 || status === 408 || status === 0) return { kind: 'transient' };
  if (status === 400) return { kind: 'invalid' };
  // 404 is a URL we built wrong; anything else unexpected is ours to look at.
  return { kind: 'internal' };
}

function byCodeRange(code: number): Classification | undefined {
  if (code >= 10000) return { kind: 'transient' };
  if ((code >= 2000 && code < 5000) || (code >= 6000 && code < 10000)) return { kind: 'invalid' };
  return undefined;
}

export function classifyFault(fault: Pick<QboFault, 'status' | 'code'>): Classification {
  const code = fault.code?.replace(/^0+(?=\d)/, '');
  return (code && (BY_CODE[code] ?? byCodeRange(Number(code)))) || byStatus(fault.status);
}

const faults = new WeakMap<AppError, QboFault>();

/** The fault an error of the client came from, for a caller that must tell 610 from 6540. */
export function faultOf(error: unknown): QboFault | undefined {
  return error instanceof AppError ? faults.get(error) : undefined;
}

/** How long the error asks to wait, when it says (a throttle): also written into its detail for the job engine. */
export function retryAfterOf(error: unknown): number | undefined {
  const match = error instanceof AppError ? /retryAfterSeconds=(\d+)/.exec(error.detail ?? '') : null;
  return match ? Number(match[1]) : undefined;
}

/** A transient AppError that says when to try again, in words the job engine reads (its detail). */
export function transientError(message: string, retryAfterSeconds: number | undefined, detail: string, cause?: unknown): AppError {
  const wait = retryAfterSeconds === undefined ? '' : `retryAfterSeconds=${retryAfterSeconds}; `;
  return new AppError('transient', message, { detail: `${wait}${detail}`, cause });
}

/** The fault as the project's one error type, kind from the table, Intuit's words for the partner. */
export function faultError(fault: QboFault, context: string, intuitTid?: string | null): AppError {
  const { kind, retryAfterSeconds } = classifyFault(fault);
  const words = [fault.message, fault.detail].filter((w) => w && w.trim()).join(': ');
  const userMessage = `QuickBooks Online refused ${context}${words ? `: ${words}` : ''}.`;
  const detail = `HTTP ${fault.status}${fault.code ? ` code ${fault.code}` : ''}${fault.type ? ` ${fault.type}` : ''}${intuitTid ? ` intuit_tid ${intuitTid}` : ''}`;
  const error = kind === 'transient' ? transientError(userMessage, retryAfterSeconds, detail) : new AppError(kind, userMessage, { detail });
  faults.set(error, fault);
  return error;
}
