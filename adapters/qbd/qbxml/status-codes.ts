import { ErrorKind } from '../../../core/errors/app-error';

/** What a qbXML statusCode means for the sync, decided once here. */
export type StatusClass =
  | 'ok'
  | 'no-match' // 1: the query matched nothing; not an error
  | 'warning' // 500-999: data came back, perhaps not all of it
  | 'duplicate-name' // 3100
  | 'not-found' // 3120
  | 'bad-reference' // 3140
  | 'locked' // 3170/3175/3176/3180: someone else holds it; retry at the next session
  | 'stale-edit-sequence' // 3200: re-read the record, then retry
  | 'invalid-value' // 3210 (e.g. paying more than is due)
  | 'feature-off' // 3250
  | 'permission' // 3260/3261
  | 'bad-iterator' // 3391: the iterator died with its QuickBooks session
  | 'error'; // everything else

/** How to react: retry now, at the next Web Connector session, after re-reading, or never. */
export type RetryAdvice = 'none-needed' | 'next-session' | 're-read-then-retry' | 'restart-query' | 'never';

export interface StatusMeaning {
  readonly class: StatusClass;
  readonly retry: RetryAdvice;
  /** The error kind, for a status that is a failure; undefined for success. */
  readonly errorKind?: ErrorKind;
}

const TABLE: Readonly<Record<number, StatusMeaning>> = {
  0: { class: 'ok', retry: 'none-needed' },
  1: { class: 'no-match', retry: 'none-needed' },
  3100: { class: 'duplicate-name', retry: 'never', errorKind: 'conflict' },
  3120: { class: 'not-found', retry: 'never', errorKind: 'not-found' },
  3140: { class: 'bad-reference', retry: 'never', errorKind: 'invalid' },
  3170: { class: 'locked', retry: 'next-session', errorKind: 'transient' },
  3175: { class: 'locked', retry: 'next-session', errorKind: 'transient' },
  3176: { class: 'locked', retry: 'next-session', errorKind: 'transient' },
  3180: { class: 'locked', retry: 'next-session', errorKind: 'transient' },
  3200: { class: 'stale-edit-sequence', retry: 're-read-then-retry', errorKind: 'conflict' },
  3210: { class: 'invalid-value', retry: 'never', errorKind: 'invalid' },
  3250: { class: 'feature-off', retry: 'never', errorKind: 'needs-user-action' },
  3260: { class: 'permission', retry: 'never', errorKind: 'needs-user-action' },
  3261: { class: 'permission', retry: 'never', errorKind: 'needs-user-action' },
  3391: { class: 'bad-iterator', retry: 'restart-query', errorKind: 'transient' },
};

/**
 * Classifies a response's statusCode. Codes 0-499 are informational, 500-999 warnings (the
 * answer still carries data), and anything from 1000 up is an error that carries none.
 */
export function classifyStatus(code: number): StatusMeaning {
  const known = TABLE[code];
  if (known) return known;
  if (code >= 0 && code < 500) return { class: 'ok', retry: 'none-needed' };
  if (code >= 500 && code < 1000) return { class: 'warning', retry: 'none-needed' };
  return { class: 'error', retry: 'never', errorKind: 'invalid' };
}
